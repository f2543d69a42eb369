// Image library: click the picture to set its focal point. The two number fields stay the
// way to do it without JavaScript; this only fills them in and shows where the point is.
(function () {
  "use strict";

  function setUp(picker) {
    var image = picker.querySelector("img");
    var marker = picker.querySelector(".focal-picker__marker");
    var inputX = document.getElementById("id_focal_x");
    var inputY = document.getElementById("id_focal_y");
    if (!image || !marker || !inputX || !inputY) {
      return;
    }

    function show() {
      var x = Math.min(100, Math.max(0, Number(inputX.value) || 0));
      var y = Math.min(100, Math.max(0, Number(inputY.value) || 0));
      marker.style.left = x + "%";
      marker.style.top = y + "%";
      marker.hidden = false;
    }

    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      inputX.value = Math.round(((event.clientX - box.left) / box.width) * 100);
      inputY.value = Math.round(((event.clientY - box.top) / box.height) * 100);
      show();
    });
    inputX.addEventListener("input", show);
    inputY.addEventListener("input", show);
    picker.classList.add("focal-picker--ready");
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  });
})();
