// Result tables in the theme's own table look, and wide content that scrolls sideways and says so.
// mkdocs-material styles a Markdown table (a table with no class, inside .md-typeset__scrollwrap
// and .md-typeset__table); a table a renderer builds gets the same look by the same wrapping, so
// the answers look like the rest of the site. Styles for one kind of table go on the wrapper.
import { element } from "./render.js";

// content scrolls sideways inside a box that the keyboard can reach (only while it does scroll),
// with a visible hint above it while it is wider than the screen. label names the box for screen
// readers while it scrolls; className goes on the outer wrapper.
export function scrolling(content,
  { label, className = "", hint = "Scroll sideways to see all of it", boxClass = "" }) {
  const box = element("div", { className: `cg-scroll ${boxClass}`.trim() }, content);
  const note = element("p", { className: "cg-scroll__hint", hidden: true }, hint);
  const wrapper = element("div", { className: `cg-scroll-area ${className}`.trim() }, note, box);
  // The box is measured once it is on the page and again whenever its size changes (a phone
  // turned sideways); the observer goes with the nodes when the next answer replaces them.
  new ResizeObserver(() => {
    const wide = markScrolling(box, label);
    note.hidden = !wide;
    wrapper.dataset.scrolls = String(wide);
  }).observe(box);
  return wrapper;
}

// Only a box that scrolls is a stop for the keyboard and a named region for screen readers.
function markScrolling(box, label) {
  const wide = box.scrollWidth > box.clientWidth + 1;
  if (wide) {
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", `${label} (scrolls sideways)`);
  } else {
    for (const name of ["tabindex", "role", "aria-label"]) box.removeAttribute(name);
  }
  return wide;
}

// A Markdown table's name: its caption, or the heading it sits under.
function tableName(box) {
  const caption = box.querySelector("caption");
  if (caption) return caption.textContent.trim();
  for (let at = box; at && !at.classList.contains("md-content"); at = at.previousElementSibling || at.parentElement) {
    if (/^H[1-6]$/.test(at.tagName)) return `Table: ${at.textContent.replace("\u00b6", "").trim()}`;
  }
  return "Table";
}

// The guidance pages' Markdown tables, which the theme puts in .md-typeset__scrollwrap, scroll
// sideways on a phone too: each gets the same keyboard stop and name while it scrolls (WCAG
// 2.1.1). The observers end with the page visit.
export function markPageTables(root, signal) {
  for (const box of root.querySelectorAll(".md-typeset__scrollwrap")) {
    if (box.closest(".cg-scroll-area")) continue;
    const label = tableName(box);
    const observer = new ResizeObserver(() => markScrolling(box, label));
    observer.observe(box);
    signal.addEventListener("abort", () => observer.disconnect(), { once: true });
  }
}

// A table with the theme's look; it scrolls (and says so) when it is wider than the screen.
export function resultTable(table, { label, className = "", hint = "Scroll sideways to see every column" }) {
  table.removeAttribute("class");
  return scrolling(element("div", { className: "md-typeset__table" }, table),
    { label, className, hint, boxClass: "md-typeset__scrollwrap" });
}
