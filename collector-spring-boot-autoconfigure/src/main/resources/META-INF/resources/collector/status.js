// The collector's status page: reads the JSON endpoints next to it (relative URLs, so any
// context path works), no libraries, no network beyond this application.
(function () {
	'use strict';
	var REFRESH_MS = 5000;
	var base = '../';
	// with several collectors: the one the sections below show (the page's #hash, else the
	// default, else the first), read under /collectors/{name}/; with one, the paths of today
	var several = false;
	var selected = null;

	function prefix() { return several ? 'collectors/' + encodeURIComponent(selected) + '/' : ''; }

	function $(id) { return document.getElementById(id); }
	function text(id, value) { $(id).textContent = (value === null || value === undefined) ? '–' : String(value); }
	function el(tag, attrs, content) {
		var node = document.createElement(tag);
		Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
		if (content !== undefined) { node.textContent = String(content); }
		return node;
	}
	function getJson(path) {
		return fetch(base + path, { headers: { Accept: 'application/json' } }).then(function (response) {
			return response.json().then(function (body) { return { status: response.status, body: body }; });
		});
	}
	function duration(seconds) {
		var s = Math.floor(seconds), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
		return (d ? d + 'd ' : '') + (h ? h + 'h ' : '') + m + 'm ' + (s % 60) + 's';
	}

	function showHealth(h) {
		var badge = $('health-status');
		badge.textContent = h.body.status;
		badge.className = 'badge ' + h.body.status;
	}

	function showStatus(s) {
		text('service', s.service);
		text('version', s.version);
		text('uptime', duration(s.uptime_seconds));
		text('instance', s.instance_id);
		text('next-run', s.schedule && s.schedule.next_run ? s.schedule.next_run : 'not scheduled');
		showRuns(s.last_runs || []);
		showBreakers(s.circuit_breakers || []);
		showBudget(s.rate_budget);
	}

	function showBudget(b) {
		if (!b) { return; }
		text('budget-effective', b.effective_requests_per_minute);
		text('budget-configured', b.configured_requests_per_minute);
		text('budget-scope', b.scope === 'cluster' ? 'shared by ' + b.replicas_sharing + ' replica(s)' : 'this replica only');
		text('budget-share', b.share_requests_per_minute);
		text('budget-paused', b.paused_until ? 'paused after a 429 until ' + b.paused_until : 'not paused');
	}

	function showRuns(runs) {
		var chronological = runs.slice().reverse();
		var svg = $('runs-chart');
		while (svg.firstChild) { svg.removeChild(svg.firstChild); }
		var maxRecords = Math.max.apply(null, [1].concat(chronological.map(function (r) { return r.records_collected; })));
		var maxSeconds = Math.max.apply(null, [0.001].concat(chronological.map(function (r) { return r.duration_seconds; })));
		var width = Math.min(400 / Math.max(chronological.length, 1), 40);
		var points = [];
		chronological.forEach(function (run, i) {
			var height = 110 * run.records_collected / maxRecords;
			var bar = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
			bar.setAttribute('class', 'records');
			bar.setAttribute('x', i * width + 2);
			bar.setAttribute('y', 120 - height);
			bar.setAttribute('width', Math.max(width - 4, 1));
			bar.setAttribute('height', height);
			bar.setAttribute('data-records', run.records_collected);
			svg.appendChild(bar);
			points.push((i * width + width / 2) + ',' + (120 - 110 * run.duration_seconds / maxSeconds));
		});
		if (points.length) {
			var line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
			line.setAttribute('class', 'duration');
			line.setAttribute('points', points.join(' '));
			svg.appendChild(line);
		}
		var body = $('runs-table').tBodies[0];
		while (body.firstChild) { body.removeChild(body.firstChild); }
		runs.forEach(function (run) {
			var row = el('tr', { 'class': run.status, 'data-run-id': run.run_id });
			[run.started_at, run.trigger, run.status, run.records_collected, run.records_inserted, run.records_invalid,
				run.duration_seconds.toFixed(2)].forEach(function (value) { row.appendChild(el('td', {}, value)); });
			if (run.error) { row.title = (run.parts_failed ? run.parts_failed + ' part(s) failed: ' : '') + run.error; }
			body.appendChild(row);
		});
	}

	function showBreakers(breakers) {
		var list = $('breakers');
		while (list.firstChild) { list.removeChild(list.firstChild); }
		if (!breakers.length) { list.appendChild(el('li', { 'class': 'none' }, 'none')); return; }
		breakers.forEach(function (b) {
			var item = el('li', { 'data-breaker': b.name });
			item.appendChild(el('strong', {}, b.name + ' '));
			item.appendChild(el('span', { 'class': 'state state-' + b.state }, b.state));
			item.appendChild(document.createTextNode(' · failure rate ' + (b.failure_rate < 0 ? '–' : b.failure_rate + '%')
				+ ' · not permitted ' + b.not_permitted_calls));
			list.appendChild(item);
		});
	}

	function showQuality(q) {
		text('dq-score', q.data_quality_score);
		text('dq-total', q.total_records);
		text('dq-invalid', q.invalid_records);
		text('dq-duplicate', q.duplicate_records);
		text('dq-refetched', q.refetched_records);
		text('dq-efficiency', q.fetch_efficiency_score);
		text('dq-failed-parts', q.failed_parts);
		text('dq-partial-runs', q.partial_runs);
		var list = $('dq-errors');
		while (list.firstChild) { list.removeChild(list.firstChild); }
		(q.validation_error_counts || []).forEach(function (e) { list.appendChild(el('li', {}, e.message + ' (' + e.count + ')')); });
	}

	function showPerformance(p) {
		text('perf-avg', p.avg_collection_time);
		text('perf-success', p.success_rate);
		text('perf-db', p.database_latency);
		text('perf-api', p.api_latency);
		text('perf-memory', p.memory_usage_mb);
	}

	function showBackfill(response) {
		var box = $('backfill-tasks');
		if (response.status === 404) { box.replaceChildren(el('p', { 'class': 'none' }, 'backfill not available')); return; }
		var tasks = Array.isArray(response.body) ? response.body : (response.body.tasks || []);
		if (!tasks.length) { box.replaceChildren(el('p', { 'class': 'none' }, 'none')); return; }
		box.replaceChildren();
		tasks.forEach(function (t) {
			var done = (t.chunks_done || 0) + (t.chunks_failed || 0);
			var task = el('div', { 'class': 'task', 'data-task-id': t.task_id, 'data-status': t.status });
			task.appendChild(el('div', {}, t.task_id.substring(0, 8) + ' · ' + t.status + ' · ' + done + '/' + t.chunks_total
				+ ' chunks · ' + (t.records_backfilled || 0) + ' records'));
			task.appendChild(el('progress', { max: Math.max(t.chunks_total || 0, 1), value: done }));
			box.appendChild(task);
		});
	}

	function card(name) {
		var nav = $('collectors');
		var existing = nav.querySelector('.card[data-collector="' + name + '"]');
		if (existing) { return existing; }
		var item = el('a', { 'class': 'card', 'data-collector': name, href: '#' + encodeURIComponent(name) });
		item.appendChild(el('strong', { 'class': 'name' }, name));
		item.appendChild(el('span', { 'class': 'badge health' }, '…'));
		var run = el('span', { 'class': 'run' });
		run.appendChild(el('span', { 'class': 'state' }, '–'));
		run.appendChild(document.createTextNode(' · last run '));
		run.appendChild(el('span', { 'class': 'last-run' }, '–'));
		item.appendChild(run);
		var data = el('span', {});
		data.appendChild(el('span', { 'class': 'records' }, '–'));
		data.appendChild(document.createTextNode(' records · quality '));
		data.appendChild(el('span', { 'class': 'score' }, '–'));
		data.appendChild(document.createTextNode('%'));
		item.appendChild(data);
		nav.appendChild(item);
		return item;
	}
	function part(node, cls, value) { node.querySelector('.' + cls).textContent = (value === null || value === undefined) ? '–' : String(value); }

	// GET /collectors: one entry per collector; absent (an older server) or one entry means
	// the page of a single collector, as it always was
	function showCollectors(response) {
		var list = (response.status === 200 && response.body) ? (Array.isArray(response.body) ? response.body : response.body.collectors) : null;
		several = !!(list && list.length > 1);
		$('collectors').hidden = !several;
		$('selected').hidden = !several;
		if (!several) { selected = null; return []; }
		var names = list.map(function (c) { return c.name; });
		var wanted = decodeURIComponent(location.hash.substring(1));
		var byDefault = list.filter(function (c) { return c['default']; })[0];
		selected = names.indexOf(wanted) >= 0 ? wanted : (names.indexOf(selected) >= 0 ? selected : (byDefault || list[0]).name);
		Array.prototype.slice.call($('collectors').querySelectorAll('.card[data-collector]')).forEach(function (node) {
			if (names.indexOf(node.getAttribute('data-collector')) < 0) { node.parentNode.removeChild(node); }
		});
		list.forEach(function (c) {
			var node = card(c.name);
			node.className = 'card state-' + c.state + (c.name === selected ? ' selected' : '');
			node.setAttribute('data-state', c.state);
			part(node, 'state', c.state + (c['default'] ? ' · default' : ''));
			part(node, 'last-run', c.last_run ? c.last_run.status + ' ' + c.last_run.finished_at : 'none');
			if (c.last_run && c.last_run.error) { node.title = c.last_run.error; } else { node.removeAttribute('title'); }
		});
		text('selected-name', selected);
		text('all-count', list.length);
		text('all-failing', list.filter(function (c) { return c.state === 'failing'; }).length);
		text('all-running', list.filter(function (c) { return c.state === 'running'; }).length);
		return names;
	}

	// each card's health and data, and the aggregate: the sum of the cards' records and
	// the status of GET /health, which aggregates every collector
	function showCards(names) {
		var records = 0;
		return Promise.all([
			getJson('health').then(function (h) {
				var badge = $('all-status');
				badge.textContent = h.body.status;
				badge.className = 'badge ' + h.body.status;
			})
		].concat(names.map(function (name) {
			var node = card(name);
			var path = 'collectors/' + encodeURIComponent(name) + '/';
			return Promise.all([
				getJson(path + 'health').then(function (h) {
					part(node, 'health', h.body.status);
					node.querySelector('.health').className = 'badge health ' + h.body.status;
				}),
				getJson(path + 'data-quality').then(function (q) {
					if (q.status !== 200) { return; }
					records += q.body.total_records;
					part(node, 'records', q.body.total_records);
					part(node, 'score', q.body.data_quality_score);
				})
			]);
		})).map(function (p) { return p.catch(function () { }); })).then(function () { text('all-records', records); });
	}

	function showDetails() {
		var path = prefix();
		return Promise.all([
			getJson(path + 'health').then(showHealth),
			getJson(path + 'status').then(function (r) { showStatus(r.body); }),
			getJson(path + 'data-quality').then(function (r) { if (r.status === 200) { showQuality(r.body); } }),
			getJson(path + 'performance').then(function (r) { if (r.status === 200) { showPerformance(r.body); } }),
			getJson(path + 'backfill').then(showBackfill, function () { showBackfill({ status: 404 }); })
		].map(function (p) { return p.catch(function () { }); }));
	}

	function refresh() {
		return getJson('collectors').then(showCollectors, function () { return showCollectors({ status: 0 }); })
			.then(function (names) { return Promise.all([showDetails(), several ? showCards(names) : null]); })
			.catch(function () { })
			.then(function () {
				text('refreshed', new Date().toISOString());
				document.body.setAttribute('data-loaded', 'true');
			});
	}

	window.addEventListener('hashchange', function () { refresh(); });

	$('backfill-form').addEventListener('submit', function (event) {
		event.preventDefault();
		var body = {};
		if ($('bf-start').value) { body.start_date = $('bf-start').value; }
		if ($('bf-end').value) { body.end_date = $('bf-end').value; }
		var symbols = $('bf-symbols').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
		if (symbols.length) { body.symbols = symbols; }
		var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
		if ($('bf-token').value) { headers.Authorization = 'Bearer ' + $('bf-token').value; }
		fetch(base + prefix() + 'backfill', { method: 'POST', headers: headers, body: JSON.stringify(body) })
			.then(function (response) { return response.json().then(function (json) { return { status: response.status, body: json }; }); })
			.then(function (r) {
				var ok = r.status >= 200 && r.status < 300;
				text('backfill-result', ok ? 'started ' + r.body.task_id : (r.body.title || 'error') + ': ' + (r.body.detail || r.status));
				$('backfill-result').setAttribute('data-status', r.status);
				return refresh();
			})
			.catch(function (e) { text('backfill-result', 'request failed: ' + e); });
	});

	refresh();
	setInterval(refresh, REFRESH_MS);
}());
