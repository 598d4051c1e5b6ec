// The explanation page's picture: selecting a node highlights everything it derives from and everything
// derived from it, and dims the rest. No library, no inline script (the console's CSP forbids them).
(function () {
  'use strict';
  function start() {
    var svg = document.getElementById('derivation');
    if (!svg) { return; }
    var edges = Array.prototype.slice.call(svg.querySelectorAll('path.edge'));
    var nodes = Array.prototype.slice.call(svg.querySelectorAll('g.node'));
    function reach(id, forward) {
      var seen = {}; var todo = [id]; seen[id] = true;
      while (todo.length) {
        var at = todo.pop();
        edges.forEach(function (edge) {
          var from = edge.getAttribute('data-from'); var to = edge.getAttribute('data-to');
          var next = forward ? (from === at ? to : null) : (to === at ? from : null);
          if (next && !seen[next]) { seen[next] = true; todo.push(next); }
        });
      }
      return seen;
    }
    function select(node) {
      var id = node.id;
      var lit = reach(id, false); var below = reach(id, true);
      Object.keys(below).forEach(function (k) { lit[k] = true; });
      // Advice follows from causes through their evidence: light the causes that evidence of the chain supports.
      edges.forEach(function (edge) {
        var to = document.getElementById(edge.getAttribute('data-to'));
        if (edge.classList.contains('supports') && to && to.classList.contains('cause') && lit[edge.getAttribute('data-from')]) {
          lit[to.id] = true;
        }
      });
      svg.classList.add('focused');
      nodes.forEach(function (other) {
        var on = !!lit[other.id];
        other.classList.toggle('lit', on);
        other.classList.toggle('dim', !on);
        other.classList.toggle('focus', other === node);
        if (other.hasAttribute('aria-pressed')) { other.setAttribute('aria-pressed', other === node ? 'true' : 'false'); }
      });
      edges.forEach(function (edge) {
        var on = !!lit[edge.getAttribute('data-from')] && !!lit[edge.getAttribute('data-to')];
        edge.classList.toggle('lit', on);
        edge.classList.toggle('dim', !on);
      });
    }
    nodes.forEach(function (node) {
      if (!node.hasAttribute('tabindex')) { return; }
      node.addEventListener('click', function () { select(node); });
      node.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(node); }
      });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
