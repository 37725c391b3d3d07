// The Worker of the workerd run without compatibility flags: the web platform only.

import { benchWorker } from "./workerd-bench.js";

export default benchWorker(async () => []);
