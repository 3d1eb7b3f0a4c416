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
  const update = () => {
    const wide = box.scrollWidth > box.clientWidth + 1;
    note.hidden = !wide;
    wrapper.dataset.scrolls = String(wide);
    // Only a box that scrolls is a stop for the keyboard and a named region for screen readers.
    if (wide) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `${label} (scrolls sideways)`);
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) box.removeAttribute(name);
    }
  };
  // The box is measured once it is on the page and again whenever its size changes (a phone
  // turned sideways); the observer goes with the nodes when the next answer replaces them.
  new ResizeObserver(update).observe(box);
  return wrapper;
}

// A table with the theme's look; it scrolls (and says so) when it is wider than the screen.
export function resultTable(table, { label, className = "", hint = "Scroll sideways to see every column" }) {
  table.removeAttribute("class");
  return scrolling(element("div", { className: "md-typeset__table" }, table),
    { label, className, hint, boxClass: "md-typeset__scrollwrap" });
}
