/* The query page: YASGUI on this server's SPARQL endpoint, with the catalogue's named queries as examples.
   Nothing is loaded from elsewhere: the autocompleters that ask Linked Open Vocabularies are left out, and
   IRIs of the graph (under the base IRI) found in results open on this server.
   The result table is made for reading: a literal shows its value (its datatype or language in a tooltip,
   not "109"^^<http://www.w3.org/2001/XMLSchema#integer>), cells show their whole text (no ellipsis unless
   asked for), the row numbers stand apart from the first column, and beside a state's code (a column named
   after states, or a state's IRI) stands its name. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("unkg-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var states = config.states || {};
  var statePath = config.base + "id/state/";

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function stateCode(binding, column) {
    if (!binding || !binding.value) return null;
    if (binding.type === "uri") {
      return binding.value.indexOf(statePath) === 0 ? binding.value.slice(statePath.length) : null;
    }
    return /state/i.test(column) && Object.prototype.hasOwnProperty.call(states, binding.value) ? binding.value : null;
  }

  var Table = Yasgui.Yasr.plugins.table;
  if (Table && Table.prototype) {
    Table.prototype.formatLiteral = function (binding) {
      var note = binding["xml:lang"] ? "@" + binding["xml:lang"] : binding.datatype || "";
      var value = escapeText(binding.value);
      return note ? '<span title="' + escapeText(note) + '">' + value + "</span>" : value;
    };
    var getColumns = Table.prototype.getColumns;
    Table.prototype.getColumns = function () {
      return getColumns.call(this).map(function (column, index) {
        if (index === 0) {
          column.className = "rowNumberColumn";
          return column;
        }
        var render = column.render;
        column.render = function (data, type, row, meta) {
          var shown = render(data, type, row, meta);
          if (type !== "display") return shown;
          var code = stateCode(data, column.name);
          return code && states[code] ? shown + '<span class="stateName">' + escapeText(states[code]) + "</span>" : shown;
        };
        return column;
      });
    };
    var draw = Table.prototype.draw;
    Table.prototype.draw = function (options) {
      if (this.persistentConfig.isEllipsed === undefined) this.persistentConfig.isEllipsed = false;
      return draw.call(this, options);
    };
  }

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "unkg_" + window.location.host,
    yasqe: { autocompleters: ["variables", "prefixes"], prefixCcApi: null },
  });
  // a tab restored from an earlier visit keeps asking this server
  yasgui.getTab().setEndpoint(endpoint);

  // a named query opens in the editor and runs at once: its example values are ones the graph holds
  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-example");
      var tab = yasgui.getTab();
      if (tab.getQuery().trim() !== "" && tab.getName() !== name) {
        tab = yasgui.addTab(true, { name: name });
      }
      tab.setName(name);
      tab.setEndpoint(endpoint);
      tab.setQuery(config.examples[name]);
      tab.getYasqe().focus();
      tab.query();
    });
  });

  document.getElementById("yasgui").addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (link && link.href.indexOf(config.base) === 0 && link.href.length > config.base.length) {
      event.preventDefault();
      window.location.href = "/" + link.href.slice(config.base.length);
    }
  }, true);
})();
