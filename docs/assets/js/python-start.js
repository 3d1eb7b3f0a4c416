// Loaded async from <head> on every page (overrides/main.html), so on a calculator page Python
// starts before the theme's scripts and calculators.js have even been fetched. Both import the
// same python-client.js, so there is still one worker. Other pages only load this small file.
import { startPython } from "./python-client.js";

if (/\/calculators\/[^/]+\/(index\.html)?$/.test(location.pathname)) startPython().catch(() => {});
