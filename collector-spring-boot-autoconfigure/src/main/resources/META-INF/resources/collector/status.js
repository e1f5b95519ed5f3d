// The collector's status page: reads the JSON endpoints next to it (relative URLs, so any
// context path works), no libraries, no network beyond this application.
(function () {
	'use strict';
	var REFRESH_MS = 5000;
	var base = '../';

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

	function refresh() {
		return Promise.all([
			getJson('health').then(showHealth),
			getJson('status').then(function (r) { showStatus(r.body); }),
			getJson('data-quality').then(function (r) { if (r.status === 200) { showQuality(r.body); } }),
			getJson('performance').then(function (r) { if (r.status === 200) { showPerformance(r.body); } }),
			getJson('backfill').then(showBackfill, function () { showBackfill({ status: 404 }); })
		].map(function (p) { return p.catch(function () { }); })).then(function () {
			text('refreshed', new Date().toISOString());
			document.body.setAttribute('data-loaded', 'true');
		});
	}

	$('backfill-form').addEventListener('submit', function (event) {
		event.preventDefault();
		var body = {};
		if ($('bf-start').value) { body.start_date = $('bf-start').value; }
		if ($('bf-end').value) { body.end_date = $('bf-end').value; }
		var symbols = $('bf-symbols').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
		if (symbols.length) { body.symbols = symbols; }
		var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
		if ($('bf-token').value) { headers.Authorization = 'Bearer ' + $('bf-token').value; }
		fetch(base + 'backfill', { method: 'POST', headers: headers, body: JSON.stringify(body) })
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
