'use strict';
// The status page: reads /observe/status every 2 s and shows it. Every value goes in as text (textContent), never
// as HTML: ids, reasons and errors may come from a file or the wire.
(function () {
  const TEXT = {
    en: {
      connection: 'Connection', state: 'State', broker: 'Broker', since: 'Since', lastError: 'Last error',
      buffer: 'Buffer', depth: 'Readings waiting', oldest: 'Oldest waits', deadLetters: 'Dead letters written',
      bufferProblem: 'Problem', cluster: 'Cluster', partitions: 'Partitions owned', ownedDevices: 'Devices owned',
      devices: 'Devices', 'sub-devices': 'Sub-devices', device: 'Device', filter: 'Filter by id', all: 'All',
      online: 'online', offline: 'offline', refused: 'refused', id: 'Id', lastReading: 'Last reading sent',
      buffered: 'Buffered', problem: 'Reason', bound: 'Bound', yes: 'yes', no: 'no', sources: 'Field sources', noSources: 'No points file.',
      commands: 'Commands', received: 'Received', answered: 'Answered', point: 'Point', value: 'Value read',
      reported: 'Last reported', reportedAt: 'Reported at', suppressed: 'Held back', lastPoll: 'Last poll',
      failing: 'failing', reading: 'reading', perDevice: 'one connection per device (see the devices)',
      shown: '{from}–{to} of {matched} ({total} in all, {online} online, {refused} refused)',
      commandTotals: '{received} received, {answered} answered, {refused} refused unanswered',
      refusedUnanswered: 'refused unanswered', waiting: 'not yet', updated: 'updated {time}',
      unreachable: 'The app does not answer: the values below are the last ones read.',
      CONNECTED: 'connected', CONNECTING: 'connecting', DISCONNECTED: 'disconnected', NEW: 'not started',
      CLOSED: 'closed', gateway: 'gateway', cluster_mode: 'cluster instance', device_mode: 'device',
      legacy: 'legacy platform', current: 'current platform'
    },
    zh: {
      connection: '连接', state: '状态', broker: '服务器', since: '自', lastError: '最近错误',
      buffer: '缓存', depth: '待发送数据', oldest: '最早一条已等待', deadLetters: '已写入死信',
      bufferProblem: '问题', cluster: '集群', partitions: '拥有的分区', ownedDevices: '拥有的设备',
      devices: '设备', 'sub-devices': '子设备', device: '设备', filter: '按 ID 筛选', all: '全部',
      online: '在线', offline: '离线', refused: '被拒绝', id: 'ID', lastReading: '最近发送数据',
      buffered: '缓存中', problem: '原因', bound: '已绑定', yes: '是', no: '否', sources: '现场数据源', noSources: '没有点位文件。',
      commands: '命令', received: '收到', answered: '已应答', point: '点位', value: '读取值',
      reported: '最近上报值', reportedAt: '上报时间', suppressed: '未上报', lastPoll: '最近轮询',
      failing: '读取失败', reading: '正常', perDevice: '每个设备一个连接（见设备列表）',
      shown: '第 {from}–{to} 个，共匹配 {matched} 个（总计 {total}，在线 {online}，被拒绝 {refused}）',
      commandTotals: '收到 {received}，已应答 {answered}，未应答即拒绝 {refused}',
      refusedUnanswered: '未应答即拒绝', waiting: '尚未', updated: '更新于 {time}',
      unreachable: '应用没有响应：以下为最后读取的数据。',
      CONNECTED: '已连接', CONNECTING: '连接中', DISCONNECTED: '已断开', NEW: '未启动', CLOSED: '已关闭',
      gateway: '网关', cluster_mode: '集群实例', device_mode: '设备', legacy: '旧版平台', current: '新版平台'
    }
  };
  const LIMIT = 100;
  const $ = id => document.getElementById(id);
  let lang = localStorage.getItem('onenet.status.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en');
  let offset = 0;
  let last = null;

  function t(key, values) {
    let text = TEXT[lang][key] || TEXT.en[key] || key;
    Object.entries(values || {}).forEach(([name, value]) => { text = text.replace('{' + name + '}', value); });
    return text;
  }
  function time(ms) {
    return ms ? new Date(ms).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : '–';
  }
  function duration(ms) {
    const s = Math.round(ms / 1000);
    return s < 120 ? s + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h';
  }
  function put(id, value) {
    $(id).textContent = value === null || value === undefined || value === '' ? '–' : String(value);
  }
  function cell(row, value, name) {
    const td = document.createElement('td');
    td.textContent = value === null || value === undefined ? '–' : String(value);
    if (name) td.className = name;
    row.appendChild(td);
    return td;
  }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    $('lang').textContent = lang === 'zh' ? 'English' : '中文';
    if (last) render(last);
  }

  function render(s) {
    put('mode', '– ' + t(s.app.mode === 'gateway' ? 'gateway' : s.app.mode + '_mode') + ', ' + t(s.app.platform));
    put('updated', t('updated', { time: time(s.generatedAt) }));
    const c = s.connection;
    put('connection-state', c.perDevice ? t('perDevice') : c.state ? t(c.state) : null);
    $('connection-state').className = c.state ? 'state-' + c.state : '';
    $('connection-state').dataset.state = c.state || '';
    put('connection-broker', c.broker);
    put('connection-since', c.since ? time(c.since) : null);
    put('connection-error', c.lastError);
    const b = s.buffer;
    put('buffer-depth', b.depth);
    put('buffer-oldest', b.depth ? duration(b.oldestAgeMillis) : null);
    put('dead-letters', b.deadLettersWritten);
    put('buffer-problem', b.writeProblem);
    $('cluster').hidden = !s.cluster;
    if (s.cluster) {
      put('cluster-partitions', s.cluster.partitions.join(', '));
      put('cluster-devices', s.cluster.devices);
      put('cluster-problem', s.cluster.problem);
    }
    devices(s.devices);
    sources(s.fieldSources);
    commands(s.commands);
  }

  function devices(d) {
    document.querySelector('#devices h2').textContent = t(d.kind === 'sub-devices' ? 'sub-devices' : 'devices');
    const subDevices = d.kind === 'sub-devices';
    $('bound-column').hidden = !subDevices;
    const rows = document.createDocumentFragment();
    d.items.forEach(item => {
      const row = document.createElement('tr');
      row.dataset.id = item.id;
      row.dataset.state = item.state;
      cell(row, item.id, 'id');
      cell(row, t(item.state), 'state state-' + item.state);
      if (subDevices) cell(row, t(item.bound ? 'yes' : 'no'), 'bound');
      cell(row, item.lastReadingAt ? time(item.lastReadingAt) : null, 'last');
      cell(row, item.buffered, 'buffered');
      cell(row, item.problem, 'problem');
      rows.appendChild(row);
    });
    $('device-rows').replaceChildren(rows);
    const matched = d.matched === undefined ? d.items.length : d.matched;
    put('devices-summary', t('shown', {
      from: matched ? (d.offset || 0) + 1 : 0, to: (d.offset || 0) + d.items.length, matched: matched,
      total: d.total, online: d.online || 0, refused: d.refused || 0
    }));
    $('page-previous').disabled = !d.offset;
    $('page-next').disabled = (d.offset || 0) + d.items.length >= matched;
  }

  function sources(list) {
    $('no-sources').hidden = list.length > 0;
    const all = document.createDocumentFragment();
    list.forEach(source => {
      const box = document.createElement('div');
      box.className = 'source';
      box.dataset.source = source.name;
      box.dataset.failing = source.failing;
      const title = document.createElement('h3');
      title.textContent = source.name + ' (' + source.protocol + ' ' + source.address
        + (source.device ? ', ' + source.device : '') + ') ';
      const state = document.createElement('span');
      state.className = source.failing ? 'failing' : 'state-online';
      state.textContent = t(source.failing ? 'failing' : 'reading');
      title.appendChild(state);
      box.appendChild(title);
      const facts = document.createElement('p');
      const poll = document.createElement('span');
      poll.className = 'last-poll';
      poll.textContent = t('lastPoll') + ': ' + time(source.lastPoll);
      const error = document.createElement('span');
      error.className = 'source-error error';
      error.textContent = source.lastError ? ' · ' + t('lastError') + ': ' + source.lastError : '';
      facts.append(poll, error);
      box.appendChild(facts);
      const table = document.createElement('table');
      const head = table.createTHead().insertRow();
      ['point', 'value', 'reported', 'reportedAt', 'suppressed', 'lastError'].forEach(key => {
        const th = document.createElement('th');
        th.textContent = t(key);
        head.appendChild(th);
      });
      const body = table.createTBody();
      source.points.forEach(point => {
        const row = body.insertRow();
        row.dataset.point = point.name;
        cell(row, point.name, 'name');
        cell(row, point.value, 'value');
        cell(row, point.reported, 'reported');
        cell(row, point.reportedAt ? time(point.reportedAt) : null, 'reported-at');
        cell(row, point.suppressed, 'suppressed');
        cell(row, point.lastError, 'error');
      });
      box.appendChild(table);
      all.appendChild(box);
    });
    $('source-list').replaceChildren(all);
  }

  function commands(c) {
    put('command-totals', t('commandTotals', c));
    const rows = document.createDocumentFragment();
    c.recent.forEach(entry => {
      const row = document.createElement('tr');
      cell(row, entry.device, 'device');
      cell(row, time(entry.receivedAt), 'received');
      cell(row, entry.answeredAt ? time(entry.answeredAt)
        : entry.refusedAt ? t('refusedUnanswered') : t('waiting'), 'answered');
      rows.appendChild(row);
    });
    $('command-rows').replaceChildren(rows);
  }

  let inFlight = false;
  async function refresh() {
    if (inFlight) return;
    inFlight = true;
    const query = new URLSearchParams({
      q: $('device-filter').value, state: $('device-state').value, offset: offset, limit: LIMIT
    });
    try {
      const response = await fetch('/observe/status?' + query, { cache: 'no-store' });
      if (!response.ok) throw new Error(response.status);
      last = await response.json();
      $('offline-banner').hidden = true;
      render(last);
    } catch (unreachable) {
      $('offline-banner').hidden = false;
    } finally {
      inFlight = false;
    }
  }

  let typing = null;
  $('device-filter').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { offset = 0; refresh(); }, 300);
  });
  $('device-state').addEventListener('change', () => { offset = 0; refresh(); });
  $('page-previous').addEventListener('click', () => { offset = Math.max(0, offset - LIMIT); refresh(); });
  $('page-next').addEventListener('click', () => { offset += LIMIT; refresh(); });
  $('lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('onenet.status.lang', lang);
    applyLanguage();
  });
  applyLanguage();
  refresh();
  setInterval(refresh, 2000);
}());
