/* Tabs for blocks such as Most Viewed (Day, Week, Month) and Gallery (Photo, Film).
   Without JavaScript every panel shows, each under its own heading. With it, the
   headings become a WAI-ARIA tab list: arrow keys, Home and End move between tabs. */
"use strict";
(function () {
  document.querySelectorAll("[data-tabs]").forEach(function (container, containerIndex) {
    const panels = Array.from(container.querySelectorAll(":scope > [data-tab-panel]"));
    if (panels.length < 2) return;
    const list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.className = "tabs__list";
    if (container.dataset.tabsLabel) list.setAttribute("aria-label", container.dataset.tabsLabel);
    const tabs = panels.map(function (panel, index) {
      const heading = panel.querySelector("[data-tab-label]");
      const tab = document.createElement("button");
      tab.type = "button";
      tab.id = "tab-" + containerIndex + "-" + index;
      tab.setAttribute("role", "tab");
      tab.className = "tabs__tab";
      tab.textContent = heading ? heading.textContent.trim() : String(index + 1);
      panel.id = panel.id || "tab-panel-" + containerIndex + "-" + index;
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      if (heading) heading.classList.add("visually-hidden");
      list.append(tab);
      return tab;
    });
    container.prepend(list);
    container.classList.add("tabs--enhanced");

    function select(index, focus) {
      tabs.forEach(function (tab, tabIndex) {
        const selected = tabIndex === index;
        tab.setAttribute("aria-selected", String(selected));
        tab.tabIndex = selected ? 0 : -1;
        panels[tabIndex].hidden = !selected;
      });
      if (focus) tabs[index].focus();
    }
    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { select(index, false); });
      tab.addEventListener("keydown", function (event) {
        const rtl = document.documentElement.dir === "rtl";
        const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
        if (step) select((index + step + tabs.length) % tabs.length, true);
        else if (event.key === "Home") select(0, true);
        else if (event.key === "End") select(tabs.length - 1, true);
        else return;
        event.preventDefault();
      });
    });
    select(0, false);
  });
})();
