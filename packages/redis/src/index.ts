export {
  type IoRedisClientLike,
  type NodeRedisClientLike,
  type RedisClientLike,
} from "./redis-commands.js";
export { type RedisDeliveryStoreOptions, redisDeliveryStore } from "./redis-delivery-store.js";
