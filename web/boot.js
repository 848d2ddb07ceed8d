// Starts the worksheet: loads the wasm module that sits next to this file, so the build
// works from any sub-path. A separate file, not an inline script, keeps the CSP strict.
import init from './riskgate-web.js';

init({ module_or_path: new URL('riskgate-web_bg.wasm', import.meta.url) }).catch((error) => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.setAttribute('data-testid', 'boot-error');
  p.textContent = 'The worksheet could not start: ' + String(error);
  document.body.append(p);
});
