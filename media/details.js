// The version-details webview's only script (loaded with the page's nonce). It turns clicks on our buttons and
// links into messages to the extension, which decides what to do; the page itself never navigates or fetches.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!(target instanceof HTMLElement)) {
      // Any other link (there should be none) must not navigate the webview.
      if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
      return;
    }
    event.preventDefault();
    const index = target.dataset.index === undefined ? undefined : Number(target.dataset.index);
    vscode.postMessage({ type: target.dataset.action, index });
  });
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'status' || typeof message.text !== 'string') return;
    const status = document.getElementById('status');
    if (status) status.textContent = message.text;
  });
})();
