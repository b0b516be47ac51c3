// Embeds the Kefu chat on a shop page:
//   <script src="https://kefu.example.com/widget.js" data-buyer-token="<signed buyer token>" data-item-id="<item on this page>" async></script>
// A floating 「联系客服」 button opens the chat in a panel (an iframe of this server's page).
(() => {
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const token = script.dataset.buyerToken ?? '';
  const itemId = script.dataset.itemId ?? '';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '联系客服';
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:12px 18px;border:0;border-radius:24px;background:#ff5000;color:#fff;font:15px system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.2)';
  const frame = document.createElement('iframe');
  frame.title = '在线客服';
  frame.hidden = true;
  frame.style.cssText = 'position:fixed;right:16px;bottom:72px;z-index:2147483000;width:min(400px,calc(100vw - 32px));height:min(640px,calc(100vh - 96px));border:0;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25);background:#fff';
  button.addEventListener('click', () => {
    if (!frame.src) frame.src = `${origin}/#token=${encodeURIComponent(token)}${itemId ? `&item=${encodeURIComponent(itemId)}` : ''}`;
    frame.hidden = !frame.hidden;
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  document.body.append(frame, button);
})();
