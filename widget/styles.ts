// The widget's only CSS, adopted as a constructed sheet: no <style> element and no style
// attribute, so a strict style-src and Trusted Types never see it. Important declarations
// on :host beat the host page's, even its `!important` ones (shadow cascade order); px not
// rem, because rem follows the host page's root font size.
const css =
  ':host{all:initial!important;display:block!important;font:16px/1.5 system-ui,sans-serif!important;color:#1b1b1b!important}' +
  '*{box-sizing:border-box}' +
  '.w{background:#fff;padding:16px;border:1px solid #bbb;border-radius:8px}' +
  'h2{font-size:22px;margin:0 0 8px}' +
  'p{margin:0 0 12px}' +
  '.f{margin:0 0 18px;padding:0;border:0;min-width:0}' +
  'label,legend{display:block;font-weight:600;margin:0 0 4px;padding:0}' +
  '.r{display:flex;flex-wrap:wrap;column-gap:20px}' +
  '.r label,.c{display:flex;gap:10px;align-items:center;font-weight:400;min-height:44px}' +
  '.h{color:#4a4a4a;margin:0 0 6px}' +
  '.e{color:#a4001d;font-weight:600;margin:6px 0 0}' +
  'input,select,textarea,button{font:inherit;color:inherit;margin:0}' +
  'input,select,textarea{display:block;width:100%;min-height:44px;padding:8px;border:1px solid #6b6b6b;border-radius:4px;background:#fff}' +
  'textarea{min-height:120px}' +
  '[type=radio],[type=checkbox]{width:24px;height:24px;min-height:0;flex:none;accent-color:#0b5394}' +
  '[aria-invalid=true]{border:2px solid #a4001d}' +
  'a{color:#0b5394}' +
  'button{min-height:44px;padding:10px 20px;border:2px solid #0b5394;border-radius:4px;background:#0b5394;color:#fff;font-weight:600}' +
  ':focus-visible{outline:3px solid #0b5394;outline-offset:2px;transition:outline-offset .2s}' +
  '.st{font-weight:600;margin:12px 0 0}' +
  '.u{overflow-wrap:anywhere}' +
  '.hp{position:absolute;left:-9999px}' +
  '@media (prefers-reduced-motion:reduce){*{transition:none!important}}' +
  '@media (forced-colors:active){[aria-invalid=true]{border:4px double}:focus-visible{outline-color:Highlight}}';

let sheet: CSSStyleSheet | undefined;

/** One sheet for every instance on the page: parsed once, adopted by each shadow root. */
export function widgetSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
