/** Served as GET /embed/embed.css: the look of /embed/listings (the iframe page) and /embed/demo. */
export const PAGE_CSS = `:root {
  color-scheme: light;
  --page-fg: #1b1f24;
  --page-muted: #4b5563;
  --page-accent: #0b5cad;
  --page-border: #d3d8de;
  --page-code-bg: #f3f5f8;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.5;
  color: var(--page-fg);
  background: #fff;
}
:focus-visible { outline: 3px solid var(--page-accent); outline-offset: 2px; }

/* /embed/listings: the widget fills the frame */
body.frame { background: transparent; }
body.frame main { padding: 0.5rem; }

/* /embed/demo */
.skip { position: absolute; left: 0.5rem; top: -3rem; background: #fff; padding: 0.5rem 0.75rem; z-index: 1; }
.skip:focus { top: 0.5rem; }
.doc { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
.doc header { border-bottom: 1px solid var(--page-border); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.doc h1 { font-size: 1.875rem; line-height: 1.2; margin: 0 0 0.5rem; }
.doc h2 { font-size: 1.375rem; line-height: 1.25; margin: 2.25rem 0 0.75rem; }
.doc p, .doc li { max-width: 46rem; }
.lede { font-size: 1.125rem; color: var(--page-muted); margin: 0; }
a { color: var(--page-accent); text-underline-offset: 0.15em; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
:not(pre) > code { background: var(--page-code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
pre {
  background: #14171c;
  color: #eef1f5;
  padding: 1rem 1.125rem;
  border-radius: 8px;
  overflow-x: auto;
  line-height: 1.45;
  font-size: 0.9375rem;
}
pre:focus-visible { outline-offset: 3px; }
.try { display: grid; grid-template-columns: minmax(0, 19rem) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
@media (max-width: 50rem) { .try { grid-template-columns: minmax(0, 1fr); } }
form.options {
  display: grid;
  gap: 0.875rem;
  padding: 1rem;
  border: 1px solid var(--page-border);
  border-radius: 10px;
  background: #f8fafc;
}
form.options label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
form.options .hint { display: block; font-weight: 400; color: var(--page-muted); font-size: 0.875rem; }
form.options input[type="text"], form.options input[type="number"], form.options select {
  width: 100%;
  font: inherit;
  padding: 0.5rem 0.625rem;
  border: 1px solid #6b7280;
  border-radius: 6px;
  background: #fff;
  color: inherit;
  min-height: 2.75rem;
}
form.options .check { display: flex; gap: 0.5rem; align-items: center; font-weight: 600; }
form.options .check input { width: 1.25rem; height: 1.25rem; margin: 0; }
form.options button {
  font: inherit;
  font-weight: 600;
  min-height: 2.75rem;
  padding: 0.5rem 1rem;
  border-radius: 8px;
  border: 2px solid var(--page-accent);
  background: var(--page-accent);
  color: #fff;
  cursor: pointer;
}
table { border-collapse: collapse; width: 100%; font-size: 0.9375rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.625rem; border-bottom: 1px solid var(--page-border); }
th { background: #f8fafc; }
.table-wrap { overflow-x: auto; }
footer.doc-foot { margin-top: 3rem; color: var(--page-muted); font-size: 0.875rem; }
`;
