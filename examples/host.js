// The demo course page's script (examples/host.html): two sandboxes mounted with embed.js, each with
// its buttons and a live list of its events. Everything shown from a message goes in as text
// (textContent), never as HTML: the page treats what the frames post as untrusted, as a host should.
//
// `?sandbox=<address>` points the demo at a sandbox served elsewhere (another origin); by default
// embed.js uses the site it was loaded from (../embed.js → the sandbox one level up).
(function () {
  'use strict';

  var MAX_ENTRIES = 60;
  var sandbox = new URLSearchParams(location.search).get('sandbox') || undefined;
  document.getElementById('sandbox-address').textContent = sandbox || new URL('../', location.href).href + ' (where embed.js came from)';

  if (!window.EcsSandbox) {
    document.getElementById('sandbox-address').textContent = 'embed.js did not load (is this page served next to the sandbox, or given ?sandbox=?)';
    return;
  }

  /** @type {Record<string, any>} the handles by scenario id, for the browser test and the console */
  var labs = {};
  window.demoLabs = labs;

  document.querySelectorAll('.lab').forEach(function (section) {
    var scenario = section.getAttribute('data-scenario');
    var toolbar = el('div', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Commands for ' + scenario);
    var frameBox = el('div', 'frame');
    var status = el('p', 'status', 'Waiting for the sandbox…');
    status.setAttribute('role', 'status');
    var logTitle = el('h3', null, 'Events');
    var log = el('ol', 'events');
    log.setAttribute('aria-label', 'Events from ' + scenario + ', newest first');
    var stateOut = el('pre', 'state');
    stateOut.hidden = true;
    section.append(toolbar, frameBox, status, stateOut, logTitle, log);

    var lab;
    try {
      lab = EcsSandbox.mount(frameBox, {
        scenario: scenario,
        origin: sandbox,
        persist: true,
        loading: 'eager',
        params: { panels: 'lesson,command,log', theme: 'light' },
        onEvent: function (event) { addEntry(log, event); },
      });
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('error');
      return;
    }
    labs[scenario] = lab;
    lab.ready.then(function () {
      status.textContent = 'Ready.';
      section.setAttribute('data-ready', '1');
    });

    var theme = 'light';
    addButton(toolbar, 'Get state', function () {
      return lab.getState().then(function (result) {
        stateOut.hidden = false;
        stateOut.textContent = describeState(result);
      });
    });
    addButton(toolbar, 'Reset', function () { return lab.reset(); });
    addButton(toolbar, 'Play', function () { return lab.play(); });
    addButton(toolbar, 'Pause', function () { return lab.pause(); });
    var themeButton = addButton(toolbar, 'Dark theme', function () {
      var next = theme === 'light' ? 'dark' : 'light';
      return lab.setTheme(next).then(function () {
        theme = next;
        themeButton.textContent = next === 'light' ? 'Dark theme' : 'Light theme';
      });
    });

    function addButton(parent, label, action) {
      var button = el('button', null, label);
      button.type = 'button';
      button.addEventListener('click', function () {
        button.disabled = true;
        status.classList.remove('error');
        action().then(
          function () { status.textContent = label + ': done.'; },
          function (error) { status.textContent = label + ' failed: ' + error.message; status.classList.add('error'); }
        ).then(function () { button.disabled = false; });
      });
      parent.append(button);
      return button;
    }
  });

  /** One line per event, newest first: time, type, xAPI verb when a statement came along, short payload. */
  function addEntry(log, event) {
    var item = el('li');
    item.setAttribute('data-type', event.type);
    item.append(el('time', null, clock(new Date())), ' ', el('strong', null, event.type));
    var verb = verbOf(event.statement);
    if (verb) item.append(' ', el('span', 'verb', 'xAPI: ' + verb));
    var summary = shortPayload(event);
    if (summary) item.append(' ', el('code', null, summary));
    log.prepend(item);
    while (log.children.length > MAX_ENTRIES) log.lastElementChild.remove();
  }

  function shortPayload(event) {
    var payload = Object.assign({}, event.payload);
    delete payload.statement;
    // A state carries the learner's whole run: say how big it is instead.
    if (event.type === 'stateChanged' && payload.state) return 'state of ' + payload.state.scenarioId + ', run ' + String(payload.state.run).length + ' chars';
    var text = JSON.stringify(payload);
    if (text === '{}') return '';
    return text.length > 90 ? text.slice(0, 90) + '…' : text;
  }

  function describeState(result) {
    var state = result && result.state ? result.state : result;
    if (!state || typeof state !== 'object') return 'getState: ' + JSON.stringify(result);
    var hints = state.hints ? Object.keys(state.hints).length : 0;
    return 'getState: scenario ' + state.scenarioId + ', version ' + state.v + ', run of ' + String(state.run).length + ' characters, hints read for ' + hints + ' objective(s).';
  }

  function verbOf(statement) {
    if (!statement || !statement.verb) return '';
    var display = statement.verb.display;
    if (display && typeof display === 'object') {
      var first = display['en-US'] || display[Object.keys(display)[0]];
      if (typeof first === 'string') return first;
    }
    return typeof statement.verb.id === 'string' ? statement.verb.id.split('/').pop() : '';
  }

  function clock(date) {
    return date.toTimeString().slice(0, 8) + '.' + String(date.getMilliseconds()).padStart(3, '0');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
})();
