import { el } from './dom';

/** The shadow root's styles; partners theme them through the --hrl-* custom properties documented on /embed/demo. */
const STYLE = `:host{display:block;container-type:inline-size;
--_accent:var(--hrl-accent,#0b5cad);--_on-accent:var(--hrl-accent-contrast,#fff);
--_bg:var(--hrl-bg,#fff);--_fg:var(--hrl-fg,#1b1f24);--_muted:var(--hrl-muted,#4b5563);
--_card:var(--hrl-card-bg,var(--_bg));--_border:var(--hrl-border,#d3d8de);--_link:var(--hrl-link,var(--_accent));
--_open:var(--hrl-open,#11703a);--_error:var(--hrl-error,#a11d1d);--_focus:var(--hrl-focus,var(--_accent));
--_chip:var(--hrl-chip-bg,#eef2f6);--_radius:var(--hrl-radius,10px);
font-family:var(--hrl-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
font-size:var(--hrl-font-size,1rem);line-height:1.45;color:var(--_fg)}
:host([hidden]){display:none}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.hrl{background:var(--_bg);border:1px solid var(--_border);border-top:4px solid var(--_accent);border-radius:var(--_radius);padding:1rem 1rem 0.75rem}
.head{display:flex;flex-wrap:wrap;gap:0.75rem 1rem;align-items:center;justify-content:space-between}
.title{margin:0;font-size:1.25em;line-height:1.25;font-weight:700}
.where{margin:0.25rem 0 0;color:var(--_muted);font-size:0.9375em}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:0.5rem 1rem;border-radius:calc(var(--_radius) - 2px);
border:2px solid var(--_accent);background:var(--_accent);color:var(--_on-accent);cursor:pointer;display:inline-flex;align-items:center;gap:0.5rem}
button:hover{filter:brightness(1.1)}
button[aria-disabled="true"]{cursor:progress;opacity:0.85}
button.secondary{background:transparent;color:var(--_accent)}
button svg{width:1.1em;height:1.1em;flex:none}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px;border-radius:3px}
button:focus-visible{outline-offset:3px;border-radius:calc(var(--_radius) - 2px)}
.status{margin:0.75rem 0 0;color:var(--_muted);font-size:0.9375em}
.status:empty{display:none}
.status.error{color:var(--_error);font-weight:600}
.retry{margin-top:0.5rem}
.list{list-style:none;margin:0.75rem 0 0;padding:0;display:grid;gap:0.75rem}
.item{background:var(--_card);border:1px solid var(--_border);border-radius:var(--_radius);padding:0.875rem 1rem}
.item-head{display:flex;flex-wrap:wrap;gap:0.375rem 0.75rem;justify-content:space-between;align-items:flex-start}
.item-head .name{flex:1 1 14rem}
.name{margin:0;font-size:1.0625em;line-height:1.3}
.svc{display:block;font-weight:700}
.org{display:block;font-weight:400;color:var(--_muted);font-size:0.9375em;margin-top:0.125rem}
.chip{flex:none;font-weight:600;font-size:0.8125em;background:var(--_chip);color:var(--_fg);padding:0.1875rem 0.625rem;border-radius:999px;white-space:nowrap}
.chips{display:flex;flex-wrap:wrap;gap:0.375rem}
.services{list-style:none;margin:0.5rem 0 0;padding:0;display:grid;gap:0.5rem}
.service{border-left:3px solid var(--_border);padding-left:0.625rem}
.service .state{margin-top:0.125rem}
.service ul{margin:0.25rem 0 0;padding:0;list-style:none}
.terms{display:block;color:var(--_muted);font-size:0.875em}
.also-title{margin:1.25rem 0 0;font-size:1.0625em;line-height:1.3}
.state{margin:0.5rem 0 0;font-weight:600;display:flex;align-items:center;gap:0.4rem;color:var(--_muted);font-size:0.9375em}
.state::before{content:"";flex:none;width:0.625rem;height:0.625rem;border-radius:50%;border:2px solid currentColor}
.state.open{color:var(--_open)}
.state.open::before{background:currentColor}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0.375rem 0.875rem;margin:0.625rem 0 0;font-size:0.9375em;line-height:1.5}
.facts dt{color:var(--_muted);font-weight:600}
.facts dd{margin:0;overflow-wrap:anywhere}
.facts ul{margin:0;padding:0;list-style:none}
.note{display:block;color:var(--_muted);font-size:0.9375em}
a{color:var(--_link);text-underline-offset:0.15em}
a:hover{text-decoration-thickness:2px}
.dir,.tel{display:inline-block;line-height:1.5rem;min-height:1.5rem;font-weight:600}
.tel{white-space:nowrap}
.ext{text-decoration:none;display:inline-block;margin-left:0.125rem}
.kind{color:var(--_muted)}
.hours{margin:0;padding:0;list-style:none}
.hours .days{display:inline-block;min-width:6.5em;color:var(--_muted)}
.sr{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.foot{margin:0.75rem 0 0;font-size:0.8125em;color:var(--_muted)}
.list[aria-busy="true"]{opacity:0.6}
@container (max-width: 30rem){
.head{flex-direction:column;align-items:stretch}
.head button{justify-content:center}
.facts{grid-template-columns:minmax(0,1fr);gap:0.125rem}
.facts dd+dt{margin-top:0.375rem}
}
@media (forced-colors: active){.state::before{forced-color-adjust:none;border-color:CanvasText}.chip{border:1px solid CanvasText}}`;

let sheet: CSSStyleSheet | null = null;

/** One constructed stylesheet shared by every instance; a <style> element where those are not supported. */
export function adoptStyles(root: ShadowRoot): void {
  // Constructable stylesheets need no 'unsafe-inline' in a host page's CSP.
  try {
    if (!sheet) {
      const constructed = new CSSStyleSheet();
      constructed.replaceSync(STYLE);
      sheet = constructed;
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(el('style', { text: STYLE }));
  }
}
