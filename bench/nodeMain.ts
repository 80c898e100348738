// Entry of the Node benchmark runner (bench/node.ts): `node --import tsx bench/nodeMain.ts <suite> ...`, and the
// gpu-kit bundle's entry.
import { runNodeBench } from './node';

process.exitCode = await runNodeBench(process.argv.slice(2));
