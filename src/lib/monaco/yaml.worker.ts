// monaco-yaml's language service, as a worker entry of our own: Vite bundles it as a module worker
// (referencing `monaco-yaml/yaml.worker.js` directly breaks under Vite, see monaco-yaml's FAQ).
import "monaco-yaml/yaml.worker.js";
