/* The map widget of the map form in admin. Without it (no JavaScript) editors type each
   development's latitude and longitude and see the server's drawing after saving. With it:
   click a development's fields, then click the map to place it; drag a marker to move it;
   areas are drawn from their GeoJSON as it is typed, and the region's box follows the bounds. */
"use strict";
// Admin puts form media in the page's head: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  const editor = document.querySelector("[data-map-editor]");
  if (!editor || !window.L || !window.fetch) return;

  const field = function (name) { return document.getElementById("id_" + name); };
  // Words come from the page (translated there), with "%s" for a name.
  const say = function (key, name) { return (editor.dataset[key] || "").replace("%s", name || ""); };
  const number = function (input) { return input && input.value.trim() !== "" ? Number(input.value) : NaN; };
  const container = document.createElement("div");
  container.className = "map-editor__map";
  const status = document.createElement("p");
  status.className = "map-editor__status";
  status.setAttribute("aria-live", "polite");
  editor.prepend(container, status);
  // The server's drawing of the saved map gives way to the editable map.
  const drawing = editor.querySelector(":scope > svg");
  if (drawing) drawing.style.display = "none";

  const map = L.map(container, { zoomSnap: 0.25, attributionControl: false });
  const markers = new Map();
  const areaLayers = new Map();
  let activeRow = null;
  let boundsBox = null;

  function bounds() {
    const values = ["south", "west", "north", "east"].map(function (name) { return number(field(name)); });
    if (values.some(isNaN)) return null;
    return L.latLngBounds([values[0], values[1]], [values[2], values[3]]);
  }

  function showBounds(fit) {
    const box = bounds();
    if (boundsBox) boundsBox.remove();
    if (!box) { if (fit) map.setView([34.5, 40], 5); return; }
    boundsBox = L.rectangle(box, { color: "#1d4ed8", weight: 1, fill: false, dashArray: "6 4", interactive: false }).addTo(map);
    if (fit) map.fitBounds(box);
  }

  function developmentRows() {
    return Array.from(document.querySelectorAll(".map-developments .inline-related"))
      .filter(function (row) { return !row.id.endsWith("-empty") && row.querySelector("input[name$='-latitude']"); });
  }

  function rowInputs(row) {
    return {
      latitude: row.querySelector("input[name$='-latitude']"),
      longitude: row.querySelector("input[name$='-longitude']"),
      place: row.querySelector("input[name$='-place']"),
    };
  }

  function label(row) {
    const inputs = rowInputs(row);
    const index = developmentRows().indexOf(row) + 1;
    return (inputs.place && inputs.place.value.trim()) || say("textDevelopment", String(index));
  }

  function placeMarker(row) {
    const inputs = rowInputs(row);
    const latitude = number(inputs.latitude), longitude = number(inputs.longitude);
    let marker = markers.get(row);
    if (isNaN(latitude) || isNaN(longitude)) {
      if (marker) { marker.remove(); markers.delete(row); }
      return;
    }
    if (!marker) {
      marker = L.marker([latitude, longitude], { draggable: true, icon: L.divIcon({ className: "map-editor__pin", iconSize: [18, 18] }) });
      marker.on("dragend", function () {
        const position = marker.getLatLng();
        setPosition(row, position.lat, position.lng);
      });
      marker.on("click", function () { activate(row); });
      marker.addTo(map);
      markers.set(row, marker);
    } else {
      marker.setLatLng([latitude, longitude]);
    }
    marker.bindTooltip(label(row));
    marker.getElement() && marker.getElement().classList.toggle("map-editor__pin--active", row === activeRow);
  }

  function setPosition(row, latitude, longitude) {
    const inputs = rowInputs(row);
    inputs.latitude.value = latitude.toFixed(4);
    inputs.longitude.value = longitude.toFixed(4);
    placeMarker(row);
    status.textContent = label(row) + ": " + inputs.latitude.value + ", " + inputs.longitude.value;
  }

  function activate(row) {
    if (activeRow) activeRow.classList.remove("map-editor__row--active");
    activeRow = row;
    row.classList.add("map-editor__row--active");
    markers.forEach(function (marker, owner) {
      const element = marker.getElement();
      if (element) element.classList.toggle("map-editor__pin--active", owner === row);
    });
    status.textContent = say("textPlace", label(row));
  }

  function watchRow(row) {
    if (row.dataset.mapWatched) return;
    row.dataset.mapWatched = "1";
    row.addEventListener("focusin", function () { activate(row); });
    row.addEventListener("input", function () { placeMarker(row); });
    placeMarker(row);
  }

  function drawArea(textarea) {
    const previous = areaLayers.get(textarea);
    if (previous) { previous.remove(); areaLayers.delete(textarea); }
    let data;
    try { data = JSON.parse(textarea.value); } catch (error) { return; }
    try {
      const layer = L.geoJSON(data, { style: { color: "#9b1c1c", weight: 2, fillOpacity: 0.15 }, interactive: false });
      layer.addTo(map);
      areaLayers.set(textarea, layer);
    } catch (error) { /* not drawable yet: the server says why when it is saved */ }
  }

  function watchAreas() {
    document.querySelectorAll("textarea.map-geojson").forEach(function (textarea) {
      if (textarea.dataset.mapWatched || textarea.name.includes("__prefix__")) return;
      textarea.dataset.mapWatched = "1";
      let timer = null;
      textarea.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { drawArea(textarea); }, 300);
      });
      drawArea(textarea);
    });
  }

  // Drawing an area: each click adds a corner; Finish (or a click on the first corner) closes it.
  let sketch = null;

  function stopSketch() {
    if (!sketch) return;
    sketch.line.remove();
    sketch.finish.hidden = true;
    map.doubleClickZoom.enable();
    container.classList.remove("map-editor__map--drawing");
    sketch = null;
  }

  function finishSketch() {
    if (!sketch) return;
    const corners = sketch.corners;
    if (corners.length < 3) {
      status.textContent = say("textTooFew");
      return;
    }
    const ring = corners.concat([corners[0]]).map(function (point) {
      return [Number(point.lng.toFixed(4)), Number(point.lat.toFixed(4))];
    });
    sketch.textarea.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
    drawArea(sketch.textarea);
    status.textContent = say("textDrawn");
    stopSketch();
  }

  function startSketch(textarea, finish) {
    stopSketch();
    sketch = { textarea: textarea, corners: [], finish: finish, line: L.polyline([], { color: "#1d4ed8", weight: 2 }).addTo(map) };
    finish.hidden = false;
    map.doubleClickZoom.disable();
    container.classList.add("map-editor__map--drawing");
    container.scrollIntoView({ block: "nearest" });
    status.textContent = say("textDraw");
  }

  function addDrawButtons() {
    document.querySelectorAll("textarea.map-geojson").forEach(function (textarea) {
      if (textarea.dataset.mapDrawButton || textarea.name.includes("__prefix__")) return;
      textarea.dataset.mapDrawButton = "1";
      const draw = document.createElement("button");
      draw.type = "button";
      draw.className = "button map-editor__draw";
      draw.textContent = say("textDrawButton");
      const finish = document.createElement("button");
      finish.type = "button";
      finish.className = "button map-editor__finish";
      finish.textContent = say("textFinishButton");
      finish.hidden = true;
      draw.addEventListener("click", function () { startSketch(textarea, finish); });
      finish.addEventListener("click", finishSketch);
      textarea.after(draw, finish);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && sketch) { stopSketch(); status.textContent = ""; }
  });

  map.on("click", function (event) {
    if (sketch) {
      const first = sketch.corners[0];
      // A click near the first corner closes the outline.
      if (first && sketch.corners.length >= 3 && map.latLngToContainerPoint(first).distanceTo(event.containerPoint) < 8) {
        finishSketch();
        return;
      }
      sketch.corners.push(event.latlng);
      sketch.line.setLatLngs(sketch.corners);
      return;
    }
    const row = activeRow || developmentRows().find(function (candidate) {
      return isNaN(number(rowInputs(candidate).latitude));
    });
    if (!row) {
      status.textContent = say("textChooseFirst");
      return;
    }
    activate(row);
    setPosition(row, event.latlng.lat, event.latlng.lng);
  });

  ["west", "south", "east", "north"].forEach(function (name) {
    const input = field(name);
    if (input) input.addEventListener("change", function () { showBounds(true); });
  });
  document.addEventListener("formset:added", function () {
    developmentRows().forEach(watchRow);
    watchAreas();
    addDrawButtons();
  });

  fetch(editor.dataset.basemap).then(function (response) { return response.json(); }).then(function (basemap) {
    L.geoJSON(basemap, {
      interactive: false,
      filter: function (feature) { return feature.properties.layer !== "city"; },
      style: function (feature) {
        return {
          country: { color: "#8c8579", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
          lake: { stroke: false, fillColor: "#cde0ee", fillOpacity: 1 },
          river: { color: "#6d9cc2", weight: 1.2 },
          coastline: { color: "#4f7ea3", weight: 1 },
        }[feature.properties.layer];
      },
      pointToLayer: function (feature, position) { return L.circleMarker(position); },
    }).addTo(map);
    basemap.features.forEach(function (feature) {
      if (feature.properties.layer !== "city") return;
      const coordinates = feature.geometry.coordinates;
      L.circleMarker([coordinates[1], coordinates[0]], { radius: 2, color: "#333", weight: 0, fillOpacity: 1, interactive: false })
        .bindTooltip(feature.properties.name, { permanent: true, direction: "right", className: "map-editor__city" })
        .addTo(map);
    });
    developmentRows().forEach(watchRow);
    watchAreas();
    addDrawButtons();
  });
  container.style.background = "#cde0ee";
  showBounds(true);
});
