/**
 * 督查看板: the supervisors' dashboard, one self-contained page (HTML + vanilla JS + inline SVG; no build
 * step, no CDN: bureau machines often have no internet). The page is public; the data is not. With the
 * bureau's identity provider configured (GET /auth/config says "oidc") it signs in with the authorization
 * code flow + PKCE (S256) as a public client, keeps the access token in memory only (a reload or sign-out
 * forgets it; only the one-time PKCE verifier and state wait in sessionStorage across the redirect), and
 * signs out at the provider. In local mode (`npm start`) it asks for a pasted token instead (kept in
 * sessionStorage, gone when the tab closes). It calls the /supervision JSON endpoints with the token. Kept as a TS string so it ships inside dist/ with the API; the script avoids
 * backticks so it can live in this template.
 */
export const DASHBOARD_HTML = /* html */ `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>督查督办看板 · Jiuzhu</title>
<style>
  :root { --red: #c0392b; --amber: #d68910; --green: #1e8449; --ink: #1c2833; --muted: #717d7e; --line: #d5d8dc; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f4f6f7; }
  header { background: #7b241c; color: #fff; padding: 10px 20px; display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0; flex: 1; }
  header input { padding: 4px 6px; border-radius: 3px; border: 0; }
  header #token { width: 260px; }
  button { cursor: pointer; padding: 4px 10px; border: 1px solid var(--line); border-radius: 3px; background: #fff; }
  main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; padding: 16px 20px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 12px 14px; min-width: 0; }
  section h2 { font-size: 15px; margin: 0 0 8px; display: flex; justify-content: space-between; align-items: center; }
  .wide { grid-column: 1 / -1; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; white-space: nowrap; }
  th { background: #f8f9f9; font-weight: 600; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .board td.cell { text-align: center; cursor: pointer; }
  .board td.hot { background: #fadbd8; color: var(--red); font-weight: 700; }
  .board td.param::after { content: ' (参数 ' attr(data-param) ')'; font-weight: 400; color: #717d7e; font-size: 0.8em; }
  .board td.zero { color: #bbb; }
  .scroll { overflow-x: auto; }
  a.case { color: #1f618d; cursor: pointer; text-decoration: underline; }
  .late { color: var(--red); font-weight: 600; }
  .ok { color: var(--green); }
  .muted { color: var(--muted); }
  #status { font-size: 12px; }
  #error { color: #fff; background: var(--red); padding: 6px 20px; display: none; }
</style>
</head>
<body>
<header>
  <h1>督查督办看板 <span style="font-weight:normal;font-size:13px">Supervision dashboard</span></h1>
  <label id="token-label" style="display:none">访问令牌 Token <input id="token" type="password" placeholder="粘贴 Bearer 令牌 / paste bearer token" autocomplete="off"></label>
  <span id="who"></span>
  <button id="sign-in" style="display:none">登录 Sign in</button>
  <button id="sign-out" style="display:none">退出 Sign out</button>
  <label>截至 as of <input id="asOf" type="text" placeholder="现在 now (ISO)" size="22"></label>
  <button id="connect">加载 Load</button>
  <span id="status"></span>
</header>
<div id="error" role="alert"></div>
<main>
  <section class="wide">
    <h2><span>超期看板（镇街 × 环节） Overdue by town × step <span id="board-total" class="muted"></span></span>
      <button data-csv="/supervision/board">导出 CSV</button></h2>
    <div class="scroll"><table class="board" id="board"><tbody><tr><td class="muted">请先输入令牌并加载。 Enter a token and load.</td></tr></tbody></table></div>
  </section>
  <section>
    <h2><span>按月按时办结率 On-time rate by month</span><button data-csv="/supervision/counts?by=month">导出 CSV</button></h2>
    <div id="chart"></div>
  </section>
  <section>
    <h2><span>被标记人员（催办≥3） Flagged staff</span><button data-csv="/supervision/flagged">导出 CSV</button></h2>
    <div class="scroll"><table id="flagged"><tbody></tbody></table></div>
    <h2 style="margin-top:12px"><span>催办次数 Urges per person</span><button data-csv="/supervision/urges">导出 CSV</button></h2>
    <div class="scroll"><table id="people"><tbody></tbody></table></div>
  </section>
  <section class="wide">
    <h2><span>家庭经济状况核对（按部门） Verification requests by department <span id="departments-total" class="muted"></span></span>
      <button data-csv="/supervision/verifications">导出 CSV</button></h2>
    <div class="scroll"><table id="departments"><tbody></tbody></table></div>
    <div class="scroll"><table id="verification-overdue" style="margin-top:8px"><tbody></tbody></table></div>
  </section>
  <section class="wide">
    <h2><span>超期事项 Overdue steps <span id="list-filter" class="muted"></span></span>
      <span><button id="more" style="display:none">更多 More</button> <button id="list-csv">导出 CSV</button></span></h2>
    <div class="scroll"><table id="overdue"><tbody></tbody></table></div>
  </section>
  <section class="wide">
    <h2><span>即将到期（2个工作日内） Due within 2 working days <span id="due-soon-total" class="muted"></span></span>
      <button data-csv="/supervision/due-soon">导出 CSV</button></h2>
    <div class="scroll"><table id="due-soon"><tbody></tbody></table></div>
  </section>
  <section class="wide" id="timeline-section" style="display:none">
    <h2><span>案件时间线 Case timeline <span id="timeline-case"></span></span><button id="timeline-csv">导出 CSV</button></h2>
    <div id="timeline-summary" class="muted"></div>
    <div class="scroll"><table id="timeline"><tbody></tbody></table></div>
  </section>
</main>
<script>
(function () {
  'use strict';
  var STEP_ZH = {
    ACCEPTANCE: '申请受理', INVESTIGATION: '入户调查', TOWN_REVIEW: '镇街审核', FIRST_NOTICE: '首次公示',
    DEMOCRATIC_REVIEW: '民主评议', SUBMISSION: '报送区民政', DISTRICT_REVIEW: '区级审核', SECOND_NOTICE: '二次公示',
    RE_INVESTIGATION: '复核调查', APPROVAL: '审批', FUNDS_REQUEST: '资金申请', DISBURSEMENT: '资金发放',
    RECIPIENTS_LIST: '名单公布', REFUSAL_NOTICE: '不予救助告知', RECOVERY: '追回'
  };
  var STEP_ORDER = Object.keys(STEP_ZH);
  var $ = function (id) { return document.getElementById(id); };
  var tokenInput = $('token');
  var asOfInput = $('asOf');
  var listFilter = {};
  var nextCursor = null;
  var currentCase = null;
  var signIn = null; // GET /auth/config when the bureau's identity provider is configured
  var accessToken = ''; // OIDC mode: in memory only
  var idToken = '';
  asOfInput.value = sessionStorage.getItem('jiuzhu.asOf') || '';
  function currentToken() { return signIn ? accessToken : tokenInput.value.trim(); }

  function esc(v) {
    return String(v == null ? '' : v).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function stepName(s) { return STEP_ZH[s] ? STEP_ZH[s] + ' ' + s : (s || ''); }
  function day(iso) { return iso ? iso.slice(0, 10) : ''; }
  function shanghai(iso) {
    if (!iso) return '';
    var d = new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString();
    return d.slice(0, 10) + ' ' + d.slice(11, 16);
  }
  function withParams(path, params) {
    var q = [];
    var all = Object.assign({}, params || {});
    if (asOfInput.value.trim()) all.asOf = asOfInput.value.trim();
    Object.keys(all).forEach(function (k) {
      if (all[k] !== undefined && all[k] !== null && all[k] !== '') q.push(encodeURIComponent(k) + '=' + encodeURIComponent(all[k]));
    });
    return q.length ? path + (path.indexOf('?') >= 0 ? '&' : '?') + q.join('&') : path;
  }
  function request(path, params, accept) {
    return fetch(withParams(path, params), {
      headers: { authorization: 'Bearer ' + currentToken(), accept: accept || 'application/json' }
    }).then(function (res) {
      if (res.ok) return accept === 'text/csv' ? res.blob() : res.json();
      return res.json().catch(function () { return {}; }).then(function (body) {
        var e = body && body.error ? body.error : {};
        throw new Error((e.messageZh || ('HTTP ' + res.status)) + ' ' + (e.messageEn || ''));
      });
    });
  }
  function showError(err) {
    var box = $('error');
    box.textContent = err ? String(err.message || err) : '';
    box.style.display = err ? 'block' : 'none';
  }
  function download(path, params, name) {
    request(path, params, 'text/csv').then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name + '.csv';
      document.body.appendChild(a);
      a.click();
      a.remove();
    }).catch(showError);
  }

  function renderBoard(data) {
    var towns = [], steps = [], counts = {}, params = {}, total = 0;
    data.cells.forEach(function (c) {
      var key = c.town + '|' + c.step;
      if (towns.indexOf(c.town) < 0) towns.push(c.town);
      if (steps.indexOf(c.step) < 0) steps.push(c.step);
      counts[key] = (counts[key] || 0) + c.overdue;
      // Deadlines the measures do not set (the bureau's parameters) are shown apart: never urged.
      if (c.statutory === false) params[key] = (params[key] || 0) + c.overdue;
      total += c.overdue;
    });
    steps.sort(function (a, b) { return STEP_ORDER.indexOf(a) - STEP_ORDER.indexOf(b); });
    towns.sort();
    $('board-total').textContent = '合计 total ' + total;
    if (!towns.length) {
      $('board').innerHTML = '<tbody><tr><td class="ok">没有超期事项。 Nothing is overdue.</td></tr></tbody>';
      return;
    }
    var html = '<thead><tr><th>镇街 town</th>';
    steps.forEach(function (s) { html += '<th>' + esc(STEP_ZH[s] || s) + '<br><span class="muted">' + esc(s) + '</span></th>'; });
    html += '<th>合计</th></tr></thead><tbody>';
    towns.forEach(function (t) {
      var row = 0;
      html += '<tr><th>' + esc(t) + '</th>';
      steps.forEach(function (s) {
        var n = counts[t + '|' + s] || 0, k = params[t + '|' + s] || 0;
        row += n;
        html += '<td class="cell ' + (n ? 'hot' : 'zero') + (k ? ' param' : '') + '" data-town="' + esc(t) + '" data-step="' + esc(s) + '"' +
          (k ? ' data-param="' + k + '" title="其中 ' + k + ' 项为本局参数期限，不催办 (' + k + ' bureau-parameter deadlines, never urged)"' : '') + '>' + n + '</td>';
      });
      html += '<td class="cell n hot" data-town="' + esc(t) + '">' + row + '</td></tr>';
    });
    $('board').innerHTML = html + '</tbody>';
  }

  function renderChart(data) {
    var rows = data.rows.filter(function (r) { return r.onTimeRate !== null; });
    var box = $('chart');
    if (!rows.length) { box.innerHTML = '<p class="muted">所选期间没有办结的环节。 No steps completed in the period.</p>'; return; }
    var W = 520, H = 220, L = 40, R = 10, T = 14, B = 40;
    var w = (W - L - R) / rows.length;
    var svg = '<svg id="rate-chart" viewBox="0 0 ' + W + ' ' + H + '" width="100%" role="img" aria-label="on-time rate by month">';
    [0, 0.25, 0.5, 0.75, 1].forEach(function (v) {
      var y = T + (1 - v) * (H - T - B);
      svg += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y + '" y2="' + y + '" stroke="#e5e8e8"/>';
      svg += '<text x="' + (L - 4) + '" y="' + (y + 4) + '" font-size="10" text-anchor="end" fill="#717d7e">' + (v * 100) + '%</text>';
    });
    var points = [];
    rows.forEach(function (r, i) {
      var x = L + w * i + w / 2;
      var y = T + (1 - r.onTimeRate) * (H - T - B);
      var colour = r.onTimeRate >= 0.9 ? '#1e8449' : r.onTimeRate >= 0.7 ? '#d68910' : '#c0392b';
      svg += '<rect class="bar" x="' + (x - Math.min(w * 0.35, 18)) + '" y="' + y + '" width="' + Math.min(w * 0.7, 36) + '" height="' + (H - B - y) + '" fill="' + colour + '" opacity="0.35"><title>' +
        esc(r.key) + ': ' + (r.onTimeRate * 100).toFixed(1) + '% (' + r.onTime + '/' + (r.onTime + r.late) + ')</title></rect>';
      points.push(x + ',' + y);
      svg += '<circle cx="' + x + '" cy="' + y + '" r="3" fill="' + colour + '"/>';
      svg += '<text x="' + x + '" y="' + (y - 6) + '" font-size="10" text-anchor="middle">' + Math.round(r.onTimeRate * 100) + '%</text>';
      svg += '<text x="' + x + '" y="' + (H - B + 14) + '" font-size="10" text-anchor="middle" fill="#717d7e">' + esc(r.key) + '</text>';
    });
    svg += '<polyline points="' + points.join(' ') + '" fill="none" stroke="#7b241c" stroke-width="1.5"/>';
    svg += '</svg>';
    box.innerHTML = svg + '<p class="muted" style="margin:4px 0 0;font-size:12px">按时率 = 按时办结 / (按时 + 超时)，办结于 ' + shanghai(data.completedFrom).slice(0, 10) + ' 至 ' + shanghai(data.completedTo) + '</p>';
  }

  function renderUrges(data) {
    var f = '<thead><tr><th>经办人</th><th>案件</th><th>环节</th><th>镇街</th><th>催办</th><th>标记时间</th></tr></thead><tbody>';
    if (!data.flagged.length) f += '<tr><td colspan="6" class="muted">无 none</td></tr>';
    data.flagged.forEach(function (r) {
      f += '<tr class="flagged-row"><td class="late">' + esc(r.staffId) + '</td><td><a class="case" data-case="' + esc(r.caseId) + '">' + esc(r.caseId) +
        '</a></td><td>' + esc(stepName(r.step)) + '</td><td>' + esc(r.town) + '</td><td class="n">' + r.urgeCount + '/' + r.threshold +
        '</td><td>' + esc(shanghai(r.flaggedAt)) + '</td></tr>';
    });
    $('flagged').innerHTML = f + '</tbody>';
    var p = '<thead><tr><th>经办人</th><th>催办</th><th>涉及案件</th><th>在办事项催办</th></tr></thead><tbody>';
    if (!data.people.length) p += '<tr><td colspan="4" class="muted">无 none</td></tr>';
    data.people.slice(0, 20).forEach(function (r) {
      p += '<tr><td class="' + (r.flagged ? 'late' : '') + '">' + esc(r.assigneeId) + (r.flagged ? ' ⚑' : '') + '</td><td class="n">' + r.urges +
        '</td><td class="n">' + r.cases + '</td><td class="n">' + r.openUrges + '</td></tr>';
    });
    $('people').innerHTML = p + '</tbody>';
  }

  function renderVerifications(data) {
    var open = 0, overdue = 0;
    var d = '<thead><tr><th>部门 department</th><th>在办 open</th><th>超期 overdue</th><th>在办催办 urges</th><th>已反馈 answered</th><th>无法核对 unobtainable</th><th>最早超期期限 oldest overdue</th></tr></thead><tbody>';
    if (!data.byDepartment.length) d += '<tr><td colspan="7" class="muted">尚无核对请求。 No verification requests yet.</td></tr>';
    data.byDepartment.forEach(function (r) {
      open += r.open;
      overdue += r.overdue;
      d += '<tr class="department-row"><td>' + esc(r.departmentName) + ' <span class="muted">' + esc(r.department) + '</span></td><td class="n">' + r.open +
        '</td><td class="n' + (r.overdue ? ' late' : '') + '">' + r.overdue + '</td><td class="n">' + r.urges + '</td><td class="n">' + r.answered +
        '</td><td class="n">' + r.unobtainable + '</td><td>' + esc(r.oldestOverdueDueDate || '') + '</td></tr>';
    });
    $('departments').innerHTML = d + '</tbody>';
    $('departments-total').textContent = '在办 open ' + open + ' · 超期 overdue ' + overdue;
    var o = '<thead><tr><th>超期请求 overdue request</th><th>案件</th><th>镇街</th><th>部门</th><th>成员</th><th>反馈期限</th><th>催办</th></tr></thead><tbody>';
    data.overdue.slice(0, 50).forEach(function (r) {
      o += '<tr class="verification-overdue-row"><td>' + esc(r.requestId) + '</td><td><a class="case" data-case="' + esc(r.caseId) + '">' + esc(r.caseId) +
        '</a></td><td>' + esc(r.town) + '</td><td>' + esc(r.departmentName) + '</td><td>' + esc(r.memberId) + '</td><td class="late">' + esc(r.dueDate) +
        '</td><td class="n">' + r.urges + '</td></tr>';
    });
    $('verification-overdue').innerHTML = data.overdue.length ? o + '</tbody>' : '';
  }

  function renderOverdue(page, append) {
    var body = '';
    if (!append) {
      body = '<thead><tr><th>案件</th><th>镇街</th><th>环节</th><th>经办人</th><th>有效期限</th><th>期限依据 basis</th><th>超期天数</th><th>催办</th></tr></thead><tbody>';
    }
    page.items.forEach(function (r) {
      body += '<tr class="overdue-row"><td><a class="case" data-case="' + esc(r.caseId) + '">' + esc(r.caseId) + '</a></td><td>' + esc(r.town) +
        '</td><td>' + esc(stepName(r.step)) + '</td><td>' + esc(r.assigneeId) + '</td><td>' + esc(r.effectiveDueDate || day(r.effectiveDueAt)) +
        (r.provisional ? ' <span class="muted">(待定)</span>' : '') + '</td><td>' + (r.statutory === false ? '本局参数 bureau parameter' : '法定 statutory') +
        '</td><td class="n late">' + r.daysOverdue + '</td><td class="n">' + r.urges + '</td></tr>';
    });
    if (!append) {
      if (!page.items.length) body += '<tr><td colspan="8" class="ok">没有超期事项。 Nothing is overdue.</td></tr>';
      $('overdue').innerHTML = body + '</tbody>';
    } else {
      $('overdue').querySelector('tbody').insertAdjacentHTML('beforeend', body);
    }
    nextCursor = page.nextCursor;
    $('more').style.display = nextCursor ? '' : 'none';
  }

  function renderDueSoon(page) {
    var body = '<thead><tr><th>案件</th><th>镇街</th><th>环节</th><th>经办人</th><th>有效期限</th><th>期限依据 basis</th><th>已提醒</th></tr></thead><tbody>';
    if (!page.items.length) body += '<tr><td colspan="7" class="ok">2个工作日内没有到期的环节。 Nothing falls due within 2 working days.</td></tr>';
    page.items.forEach(function (r) {
      body += '<tr class="due-soon-row"><td><a class="case" data-case="' + esc(r.caseId) + '">' + esc(r.caseId) + '</a></td><td>' + esc(r.town) +
        '</td><td>' + esc(stepName(r.step)) + '</td><td>' + esc(r.assigneeId) + '</td><td>' + esc(r.effectiveDueDate || day(r.effectiveDueAt)) +
        (r.provisional ? ' <span class="muted">(待定)</span>' : '') + '</td><td>' + (r.statutory === false ? '本局参数 bureau parameter' : '法定 statutory') +
        '</td><td class="n">' + r.reminders + '</td></tr>';
    });
    $('due-soon').innerHTML = body + '</tbody>';
    $('due-soon-total').textContent = page.nextCursor ? '（前 ' + page.items.length + ' 项，全部请导出 CSV first ' + page.items.length + ', export CSV for all）' : '合计 total ' + page.items.length;
  }

  function loadOverdue(filter) {
    listFilter = filter || {};
    var label = [listFilter.town, listFilter.step ? stepName(listFilter.step) : ''].filter(Boolean).join(' · ');
    $('list-filter').textContent = label ? '（' + label + '）' : '（全部 all）';
    return request('/supervision/overdue', Object.assign({ limit: 50 }, listFilter)).then(function (p) { renderOverdue(p, false); });
  }

  function loadTimeline(caseId) {
    currentCase = caseId;
    return request('/supervision/cases/' + encodeURIComponent(caseId) + '/timeline').then(function (data) {
      $('timeline-section').style.display = '';
      $('timeline-case').textContent = caseId;
      var c = data.case;
      $('timeline-summary').textContent = c.town + ' · ' + c.category + ' · ' + c.status + ' · 申请日期 ' + c.applicationDate + ' · 催办 ' + c.urges;
      var html = '<thead><tr><th>环节</th><th>经办人</th><th>开始</th><th>法定期限</th><th>延长期限</th><th>实际办结</th><th>结果</th><th>按时</th></tr></thead><tbody>';
      data.steps.forEach(function (s) {
        var state = s.completedAt ? (s.onTime === false ? '<span class="late">超时 late</span>' : s.onTime ? '<span class="ok">按时 on time</span>' : '—')
          : (s.overdue ? '<span class="late">在办·超期 open, overdue</span>' : '<span class="muted">在办 open</span>');
        html += '<tr class="timeline-row"><td>' + esc(s.stepZh) + ' <span class="muted">' + esc(s.step) + '</span></td><td>' + esc(s.assigneeId) + '</td><td>' + esc(shanghai(s.openedAt)) +
          '</td><td>' + esc(s.statutoryDueDate || '') + '</td><td>' + esc(s.extendedDueDate || '') + '</td><td>' + esc(shanghai(s.completedAt)) +
          '</td><td>' + esc(s.outcome || '') + '</td><td>' + state + '</td></tr>';
      });
      $('timeline').innerHTML = html + '</tbody>';
      $('timeline-section').scrollIntoView({ block: 'nearest' });
    });
  }

  function loadAll() {
    showError(null);
    if (!signIn) sessionStorage.setItem('jiuzhu.token', tokenInput.value.trim());
    sessionStorage.setItem('jiuzhu.asOf', asOfInput.value.trim());
    $('status').textContent = '加载中… loading';
    return Promise.all([
      request('/supervision/board').then(renderBoard),
      request('/supervision/counts', { by: 'month' }).then(renderChart),
      request('/supervision/urges').then(renderUrges),
      request('/supervision/verifications').then(renderVerifications),
      request('/supervision/due-soon', { limit: 100 }).then(renderDueSoon),
      loadOverdue({})
    ]).then(function () {
      $('status').textContent = '已更新 updated ' + new Date().toLocaleTimeString('zh-CN', { hour12: false });
      document.body.setAttribute('data-loaded', 'true');
    }).catch(function (err) { $('status').textContent = ''; showError(err); });
  }

  // Sign-in: authorization code + PKCE against the provider named by GET /auth/config.
  function b64url(bytes) {
    var text = '';
    new Uint8Array(bytes).forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, '');
  }
  function randomText() { return b64url(crypto.getRandomValues(new Uint8Array(32))); }
  function dashboardUrl() { return location.origin + location.pathname; }
  function startSignIn() {
    var verifier = randomText();
    var state = randomText();
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (hash) {
      sessionStorage.setItem('jiuzhu.pkce', JSON.stringify({ verifier: verifier, state: state }));
      var q = { response_type: 'code', client_id: signIn.clientId, redirect_uri: dashboardUrl(), scope: signIn.scope,
        state: state, code_challenge: b64url(hash), code_challenge_method: 'S256' };
      location.assign(signIn.authorizationEndpoint + '?' + Object.keys(q).map(function (k) {
        return encodeURIComponent(k) + '=' + encodeURIComponent(q[k]);
      }).join('&'));
    });
  }
  function finishSignIn(params) {
    var pending = JSON.parse(sessionStorage.getItem('jiuzhu.pkce') || 'null');
    sessionStorage.removeItem('jiuzhu.pkce');
    history.replaceState(null, '', dashboardUrl());
    if (params.get('error')) return Promise.reject(new Error('登录失败 Sign-in failed: ' + params.get('error') + ' ' + (params.get('error_description') || '')));
    if (!pending || pending.state !== params.get('state')) return Promise.reject(new Error('登录状态不符，请重新登录。 Sign-in state mismatch; sign in again.'));
    var form = { grant_type: 'authorization_code', code: params.get('code'), redirect_uri: dashboardUrl(),
      client_id: signIn.clientId, code_verifier: pending.verifier };
    return fetch(signIn.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Object.keys(form).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(form[k]); }).join('&')
    }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok || !body.access_token) throw new Error('令牌换取失败 Token exchange failed: ' + (body.error || res.status));
        accessToken = body.access_token;
        idToken = body.id_token || '';
      });
    });
  }
  function showSignedIn() {
    $('sign-in').style.display = accessToken ? 'none' : '';
    $('sign-out').style.display = accessToken ? '' : 'none';
    if (!accessToken) { $('who').textContent = '未登录 not signed in'; return Promise.resolve(); }
    return request('/auth/me').then(function (me) {
      $('who').textContent = me.name + ' · ' + me.role + (me.town ? ' · ' + me.town : '');
    });
  }
  function signOut() {
    accessToken = '';
    var hint = idToken;
    idToken = '';
    document.body.removeAttribute('data-loaded');
    ['board', 'flagged', 'people', 'departments', 'verification-overdue', 'overdue', 'due-soon', 'timeline'].forEach(function (id) { $(id).innerHTML = ''; });
    $('timeline-section').style.display = 'none';
    if (!signIn.endSessionEndpoint) return showSignedIn();
    var q = { client_id: signIn.clientId, post_logout_redirect_uri: dashboardUrl() };
    if (hint) q.id_token_hint = hint;
    location.assign(signIn.endSessionEndpoint + '?' + Object.keys(q).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(q[k]);
    }).join('&'));
  }

  $('connect').addEventListener('click', function () {
    if (signIn && !accessToken) { showError(new Error('请先登录。 Sign in first.')); return; }
    loadAll();
  });
  $('sign-in').addEventListener('click', function () { startSignIn().catch(showError); });
  $('sign-out').addEventListener('click', signOut);
  tokenInput.addEventListener('keydown', function (e) { if (e.key === 'Enter') loadAll(); });
  $('more').addEventListener('click', function () {
    if (!nextCursor) return;
    request('/supervision/overdue', Object.assign({ limit: 50, cursor: nextCursor }, listFilter)).then(function (p) { renderOverdue(p, true); }).catch(showError);
  });
  $('list-csv').addEventListener('click', function () { download('/supervision/overdue', listFilter, 'overdue'); });
  $('timeline-csv').addEventListener('click', function () {
    if (currentCase) download('/supervision/cases/' + encodeURIComponent(currentCase) + '/timeline', {}, 'timeline-' + currentCase);
  });
  document.addEventListener('click', function (e) {
    var target = e.target;
    if (!(target instanceof Element)) return;
    var csv = target.closest('[data-csv]');
    if (csv) { download(csv.getAttribute('data-csv'), {}, csv.getAttribute('data-csv').split('/').pop().split('?')[0]); return; }
    var link = target.closest('a.case');
    if (link) { loadTimeline(link.getAttribute('data-case')).catch(showError); return; }
    var cell = target.closest('td.cell');
    if (cell) {
      loadOverdue({ town: cell.getAttribute('data-town') || undefined, step: cell.getAttribute('data-step') || undefined }).catch(showError);
    }
  });
  fetch('/auth/config').then(function (res) { return res.json(); }).then(function (config) {
    if (config.mode !== 'oidc') {
      // LOCAL DEVELOPMENT (npm start): paste a token from npm run token.
      $('token-label').style.display = '';
      tokenInput.value = sessionStorage.getItem('jiuzhu.token') || '';
      if (tokenInput.value) loadAll();
      return;
    }
    if (!config.clientId || !config.authorizationEndpoint || !config.tokenEndpoint) {
      throw new Error('身份认证已配置，但看板客户端未配置（OIDC_DASHBOARD_CLIENT_ID）。 The dashboard client is not configured (OIDC_DASHBOARD_CLIENT_ID).');
    }
    signIn = config;
    sessionStorage.removeItem('jiuzhu.token');
    var params = new URLSearchParams(location.search);
    var returning = params.get('code') || params.get('error') ? finishSignIn(params) : Promise.resolve();
    return returning.then(showSignedIn).then(function () { if (accessToken) return loadAll(); });
  }).catch(showError);
})();
</script>
</body>
</html>
`;
