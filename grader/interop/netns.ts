/**
 * The interop tests' namespaces come from the product's lab module (the one
 * implementation of namespaces, veth pairs and stopping processes).
 */
export { createLab, openLab, stopProcess, stopPid, waitFor, type Lab, type Namespace } from "../src/lab/netns.ts";
