/* The interactive map of a map page. Without JavaScript (or should Leaflet or the data
   not load) the page keeps the server's drawing and the numbered list. With it, the
   drawing gives way to a Leaflet map of the same data: pan, zoom, tap a development to
   read it. Everything comes from this site: the base map is a static GeoJSON file, the
   map's own data is its data.geojson; there is no tile server. */
"use strict";
(function () {
  const figure = document.querySelector("[data-map]");
  if (!figure || !window.L || !window.fetch) return;

  const DETAILED_ZOOM = 6.5;
  const BASE_STYLES = {
    country: { color: "#8c8579", weight: 0.8, dashArray: "4 2", fillColor: "#f4f1ea", fillOpacity: 1 },
    lake: { stroke: false, fillColor: "#cde0ee", fillOpacity: 1 },
    river: { color: "#6d9cc2", weight: 1.4, fill: false },
    coastline: { color: "#4f7ea3", weight: 1.1, fill: false },
  };

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + " answered " + response.status);
      return response.json();
    });
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The popup says what the list says: the same place, kind, time, text and article link.
  function popupContent(properties) {
    const item = document.getElementById("development-" + properties.number);
    const content = element("div", "map-popup");
    content.tabIndex = -1;
    content.append(element("p", "map-popup__place", properties.number + ". " + properties.place));
    const meta = item && item.querySelector(".development__meta");
    content.append(meta ? Object.assign(meta.cloneNode(true), { className: "map-popup__meta" })
      : element("p", "map-popup__meta", properties.category));
    content.append(element("p", "map-popup__text", properties.description));
    if (properties.article) {
      const link = element("a", "", properties.article.title);
      link.href = properties.article.url;
      const paragraph = element("p", "map-popup__link");
      paragraph.append(link);
      content.append(paragraph);
    }
    return content;
  }

  function markerIcon(properties) {
    const item = document.getElementById("development-" + properties.number);
    const symbol = item && item.querySelector(".development__marker svg");
    const html = symbol ? symbol.cloneNode(true) : element("span", "", String(properties.number));
    return L.divIcon({ html: html, className: "map-pin", iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12] });
  }

  function draw(basemap, data) {
    const bounds = figure.dataset.mapBounds.split(",").map(Number);
    const frame = L.latLngBounds([bounds[1], bounds[0]], [bounds[3], bounds[2]]);
    const region = basemap.bbox;
    const container = element("div", "map-interactive");
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", figure.dataset.mapLabel);
    const drawing = figure.querySelector("[data-map-drawing]");
    figure.insertBefore(container, drawing);

    const map = L.map(container, {
      zoomSnap: 0.25,
      scrollWheelZoom: false,
      maxBounds: L.latLngBounds([region[1] - 2, region[0] - 2], [region[3] + 2, region[2] + 2]),
      attributionControl: false,
    });
    // No attribution box over the map: the figure's caption credits the sources.
    // Labels of cities and areas sit below the markers, which readers tap.
    map.createPane("mapLabels").style.zIndex = 550;
    map.fitBounds(frame);
    map.setMinZoom(Math.max(0, map.getZoom() - 2));

    L.geoJSON(basemap, {
      interactive: false,
      filter: function (feature) { return feature.properties.layer !== "city"; },
      style: function (feature) { return BASE_STYLES[feature.properties.layer] || {}; },
    }).addTo(map);

    L.geoJSON(data, {
      filter: function (feature) { return feature.properties.kind === "area"; },
      interactive: false,
      style: function (feature) {
        return {
          color: feature.properties.colour,
          weight: 2,
          // The party's pattern, defined once in the page (its legend uses it too).
          fillColor: "url(#legend-party-" + feature.properties.partyId + ")",
          fillOpacity: 1,
        };
      },
    }).addTo(map);

    // Main cities always; the others once the reader zooms in far enough to read them.
    const mainCities = L.layerGroup().addTo(map);
    const otherCities = L.layerGroup();
    basemap.features.forEach(function (feature) {
      if (feature.properties.layer !== "city") return;
      const position = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      L.circleMarker(position, { radius: 2.5, color: "#333", weight: 0, fillColor: "#333", fillOpacity: 1, interactive: false })
        .bindTooltip(feature.properties.name, { permanent: true, direction: "right", className: "map-city-label", offset: [2, 0], pane: "mapLabels" })
        .addTo(feature.properties.rank === 1 ? mainCities : otherCities);
    });
    function showCities() {
      if (map.getZoom() >= DETAILED_ZOOM) otherCities.addTo(map);
      else otherCities.remove();
    }
    map.on("zoomend", showCities);
    showCities();

    data.features.forEach(function (feature) {
      if (feature.properties.kind !== "area") return;
      const point = feature.properties.labelPoint;
      const label = element("span", "", feature.properties.label);
      label.style.color = feature.properties.colour;
      L.tooltip({ permanent: true, direction: "center", className: "map-area-label", interactive: false, pane: "mapLabels" })
        .setLatLng([point[1], point[0]]).setContent(label).addTo(map);
    });

    const markers = {};
    data.features.forEach(function (feature) {
      if (feature.properties.kind !== "development") return;
      const properties = feature.properties;
      const coordinates = feature.geometry.coordinates;
      // Not in the tab order: keyboard users read the list, whose buttons open these.
      const marker = L.marker([coordinates[1], coordinates[0]], {
        icon: markerIcon(properties),
        keyboard: false,
        title: properties.number + ". " + properties.place,
        alt: properties.number + ". " + properties.place,
        riseOnHover: true,
      });
      marker.bindPopup(popupContent(properties), { maxWidth: 280, autoPanPadding: [16, 16] });
      marker.on("popupopen", function () { highlight(properties.number); });
      marker.on("popupclose", function () { highlight(null); });
      marker.addTo(map);
      markers[properties.number] = marker;
    });

    function highlight(number) {
      document.querySelectorAll(".development--active").forEach(function (item) {
        item.classList.remove("development--active");
      });
      const item = number && document.getElementById("development-" + number);
      if (item) item.classList.add("development--active");
    }

    // Each development in the list gets a button that shows it on the map.
    document.querySelectorAll("[data-development]").forEach(function (item) {
      const number = item.dataset.development;
      const marker = markers[number];
      if (!marker) return;
      const button = element("button", "development__show", figure.dataset.mapShowLabel || "Show on the map");
      button.type = "button";
      button.addEventListener("click", function () {
        figure.scrollIntoView({ block: "nearest", behavior: "smooth" });
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), 8));
        marker.openPopup();
        const content = marker.getPopup().getElement();
        const focusable = content && content.querySelector(".map-popup");
        if (focusable) focusable.focus({ preventScroll: true });
      });
      item.querySelector(".development__body").append(button);
    });

    drawing.hidden = true;
    figure.classList.add("map-figure--interactive");
    map.invalidateSize();
  }

  Promise.all([getJSON(figure.dataset.mapBasemap), getJSON(figure.dataset.mapData)])
    .then(function (results) { draw(results[0], results[1]); })
    .catch(function (error) {
      // The drawing stays: readers lose nothing but panning and zooming.
      if (window.console) console.warn("The interactive map could not load:", error);
    });
})();
