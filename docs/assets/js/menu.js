// mkdocs-material opens its menu on a phone with a <label> for a hidden checkbox, which the
// keyboard cannot reach, while the closed menu's links stay in the Tab order off screen (a
// fresh-eyes trial tabbed through 37 unseen links). Here the label becomes a button that Enter
// and Space open and close, and centre-guide.css takes the closed menu out of the Tab order.
export function keyboardMenu(root) {
  const toggle = root.getElementById("__drawer");
  const button = root.querySelector('.md-header label.md-header__button[for="__drawer"]');
  // The header outlives instant navigation: made a button once.
  if (!toggle || !button || button.hasAttribute("role")) return;
  button.setAttribute("role", "button");
  button.setAttribute("aria-label", "Menu");
  button.tabIndex = 0;
  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  const set = (open) => {
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
  };
  sync();
  toggle.addEventListener("change", sync);
  button.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    set(!toggle.checked);
    if (toggle.checked) root.querySelector(".md-sidebar--primary a[href]")?.focus();
  });
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    set(false);
    button.focus();
  });
}
