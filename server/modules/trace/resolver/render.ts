import type { ConsumerView, InputLot, TimelineEntry } from './consumer-view.ts';
import { LINKSET_TYPE, withLinkType } from './linkset.ts';
import { chineseDate, shanghaiDate } from './vocabulary.ts';

/**
 * The consumer pages, rendered on the server: mobile-first, Chinese, no JavaScript (the CSP allows none inline), one
 * small inline style sheet. Every value is HTML-escaped.
 */

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef2f7;color:#1f2937;font:15px/1.6 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
a{color:#1656b8}
.wrap{max-width:560px;margin:0 auto;padding:0 14px}
.top{background:linear-gradient(135deg,#0d3a7a 0%,#1a5fc4 100%);color:#fff;padding:18px 0 46px}
.brand{display:flex;align-items:center;gap:12px}
.mark{flex:none;width:42px;height:42px;border-radius:10px;background:#fff;color:#0d3a7a;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:20px;box-shadow:inset 0 0 0 3px #c7d7f2}
.brand h1{margin:0;font-size:18px;font-weight:600;letter-spacing:.5px}
.brand p{margin:0;font-size:12px;opacity:.8}
main.wrap{margin-top:-32px;padding-bottom:8px}
.card{background:#fff;border-radius:14px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 4px 14px rgba(16,24,40,.05);padding:16px 16px 14px;margin-bottom:12px}
.card h2{margin:6px 0 2px;font-size:20px;line-height:1.35}
.card h3{margin:0 0 10px;font-size:16px;display:flex;align-items:center;gap:8px}
.card h3::before{content:"";width:4px;height:16px;border-radius:2px;background:#1a5fc4}
.sub{margin:0;color:#6b7280;font-size:13px}
.tag{display:inline-block;font-size:12px;line-height:20px;padding:0 8px;border-radius:10px;background:#eef2f7;color:#475467;margin:8px 6px 0 0}
.ok{display:inline-flex;align-items:center;gap:6px;font-size:13px;color:#067647;background:#ecfdf3;border-radius:12px;padding:2px 10px}
.ok::before{content:"✓";font-weight:700}
.demo{display:inline-block;margin-left:6px;font-size:12px;color:#b45309;background:#fef3c7;border-radius:10px;padding:0 8px}
.muted-badge{display:inline-block;font-size:13px;color:#6b7280;background:#f2f4f7;border-radius:12px;padding:2px 10px}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:8px 14px}
dt{color:#6b7280;white-space:nowrap}
dd{margin:0;text-align:right;word-break:break-all}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.est{color:#6b7280;font-size:12px}
.expired{color:#b42318;font-size:12px;margin-left:4px}
.alert{border-radius:12px;padding:12px 14px;margin-bottom:12px;font-size:14px}
.alert strong{display:block;font-size:15px;margin-bottom:2px}
.alert.danger{background:#fef3f2;color:#912018;border:1px solid #fecdca}
.alert.warn{background:#fffaeb;color:#93370d;border:1px solid #fedf89}
.result{display:flex;align-items:center;gap:12px;margin-bottom:12px}
.seal{flex:none;width:58px;height:58px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:16px;border:3px double currentColor}
.seal.pass{color:#067647;background:#ecfdf3}
.seal.fail{color:#b42318;background:#fef3f2}
.seal.none{color:#475467;background:#f2f4f7;font-size:13px}
.result p{margin:0}
.timeline{list-style:none;margin:0;padding:0 0 0 18px;position:relative}
.timeline::before{content:"";position:absolute;left:5px;top:8px;bottom:8px;width:2px;background:#d0d9e6}
.timeline li{position:relative;padding:0 0 14px 8px}
.timeline li:last-child{padding-bottom:0}
.timeline li::before{content:"";position:absolute;left:-18px;top:6px;width:12px;height:12px;border-radius:50%;background:#fff;border:3px solid #1a5fc4}
.timeline li.last::before{background:#1a5fc4}
.step{font-weight:600}
.when{color:#6b7280;font-size:13px}
.where{font-size:13px;color:#344054}
.chip{display:inline-block;font-size:12px;line-height:18px;padding:0 6px;border-radius:9px;background:#eef4ff;color:#1849a9;margin-left:6px;font-weight:400}
.chip.grey{background:#f2f4f7;color:#475467}
.empty{color:#6b7280;margin:0}
.inputs{list-style:none;margin:0;padding:0}
.inputs li{padding:10px 0;border-top:1px solid #eef2f7}
.inputs li:first-child{border-top:0;padding-top:0}
.inputs li:last-child{padding-bottom:0}
.inputs .name{font-weight:600;display:flex;justify-content:space-between;gap:8px}
.inputs .name a{font-weight:400;font-size:13px;white-space:nowrap;text-decoration:none}
.note{color:#6b7280;font-size:12px;margin:4px 2px 14px}
footer{text-align:center;color:#667085;font-size:12px;padding:8px 14px 28px}
footer p{margin:2px 0}
.mt{margin-top:12px}
.icon{width:52px;height:52px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-size:28px;font-weight:700;margin:4px 0 8px}
.icon.bad{background:#fffaeb;color:#b54708}
.icon.unknown{background:#eef4ff;color:#1849a9}
form{display:flex;gap:8px;margin-top:12px}
input[type=text]{flex:1;min-width:0;font:inherit;font-size:14px;padding:9px 10px;border:1px solid #d0d5dd;border-radius:10px}
button{font:inherit;font-size:14px;padding:9px 14px;border:0;border-radius:10px;background:#1a5fc4;color:#fff}
details{margin-top:12px;font-size:12px;color:#6b7280}
details ul{padding-left:18px;margin:6px 0 0}
`;

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="robots" content="noindex">
<meta name="format-detection" content="telephone=no">
<meta name="theme-color" content="#0d3a7a">
<title>${esc(title)}</title>
${head}<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="wrap brand"><span class="mark" aria-hidden="true">码</span><div><h1>一码通 · 湖州质量追溯</h1><p>湖州市市场监督管理局</p></div></div></header>
<main class="wrap">
${body}
</main>
<footer>
<p>湖州市市场监督管理局 · 质量数智平台</p>
<p>投诉举报请拨打 <a href="tel:12315">12315</a> · <a href="/public/plan">湖州市质量发展规划公开信息</a></p>
</footer>
</body>
</html>
`;
}

const fact = (label: string, value: string | null, mono = false) =>
  value === null ? '' : `<dt>${esc(label)}</dt><dd${mono ? ' class="mono"' : ''}>${value}</dd>`;

/** A GTIN-14 with one leading zero is the GTIN-13 printed under an EAN-13 barcode; show that. */
function displayGtin(gtin: string): string {
  return gtin.startsWith('00') || !gtin.startsWith('0') ? gtin : gtin.slice(1);
}

function timelineItem(e: TimelineEntry, last: boolean): string {
  const chips = [
    e.viaContainer ? '<span class="chip grey">随外包装</span>' : '',
    e.dispositionLabel ? `<span class="chip">${esc(e.dispositionLabel)}</span>` : '',
  ].join('');
  const where = [e.place ?? '未登记地点', e.region].filter((x): x is string => x !== null).join(' · ');
  return `<li${last ? ' class="last"' : ''}><div class="step">${esc(e.stepLabel)}${chips}</div><div class="when">${esc(e.localTime)}</div><div class="where">${esc(where)}</div></li>`;
}

function inputItem(i: InputLot): string {
  const id = i.lot ? `批次号 <span class="mono">${esc(i.lot)}</span>` : i.serial ? `序列号 <span class="mono">${esc(i.serial)}</span>` : '';
  const where = [i.producer, i.region].filter((x): x is string => x !== null).join(' · ');
  const link = i.path ? `<a href="${esc(i.path)}">查看原料追溯 ›</a>` : '';
  return `<li><div class="name"><span>${esc(i.productName ?? '未登记产品')}</span>${link}</div>${id ? `<div class="when">${id}</div>` : ''}${where ? `<div class="where">${esc(where)}</div>` : ''}</li>`;
}

/** The consumer page of a code. `today` (Asia/Shanghai date) marks an expired batch. */
export function renderConsumerPage(view: ConsumerView, today: string = shanghaiDate(new Date())): string {
  const p = view.product;
  const name = p.name ?? '未登记产品';
  const alerts: string[] = [];
  if (view.recalled) {
    alerts.push('<div class="alert danger" role="alert"><strong>该批次产品已召回</strong>请立即停止食用或使用，并联系销售者退换。</div>');
  } else if (view.inspection?.result === 'non_conformant') {
    alerts.push('<div class="alert danger" role="alert"><strong>最近一次检验结果：不合格</strong>请谨慎购买或使用，详见下方检验报告。</div>');
  }
  if (!view.hasRecords && view.code.level !== 'class') {
    alerts.push(
      '<div class="alert warn"><strong>暂未查询到该批次的追溯记录</strong>产品信息已登记，但企业尚未上报该批次的生产流通记录。如对产品来源有疑问，请拨打 12315。</div>',
    );
  }

  // 平台分配: a GTIN the platform allocated under its own GS1 Company Prefix; 演示码: GS1 Prefix 952 (demonstrations only).
  const codeNotes = [
    view.code.gtinIssuer === 'platform' ? '<span class="est">（平台分配）</span>' : '',
    view.code.demonstration ? '<span class="demo" title="GS1 前缀 952 仅供演示，不是正式商品条码">演示码</span>' : '',
  ].join('');
  const codeFacts = fact('商品条码', `${esc(displayGtin(view.code.gtin))}${codeNotes}`, true);
  const product = `<section class="card" aria-label="产品">
${p.registered ? '<span class="ok">平台已登记产品</span>' : '<span class="muted-badge">该产品尚未在平台登记产品信息</span>'}
<h2>${esc(name)}</h2>
${[p.brand, p.spec].some((x) => x) ? `<p class="sub">${esc([p.brand, p.spec].filter((x): x is string => !!x).join(' · '))}</p>` : ''}
${p.category ? `<span class="tag">${esc(p.category)}</span>` : ''}
<dl class="mt">${codeFacts}</dl>
</section>`;

  let batch: string;
  if (view.code.level === 'class') {
    batch = `<section class="card" aria-label="批次信息"><h3>批次信息</h3><p class="empty">这是产品级条码。生产日期、检验报告与流通记录请扫描包装上的批次追溯码查看。</p>
<dl class="mt">${fact('生产企业', view.producer ? esc(view.producer) : null)}${fact('产地', view.origin ? esc(view.origin) : null)}${fact('保质期', p.shelfLifeDays ? `${p.shelfLifeDays} 天` : null)}</dl></section>`;
  } else {
    const expired = view.expiryDate !== null && view.expiryDate < today ? '<span class="expired">已过期</span>' : '';
    const expiry = view.expiryDate
      ? `${esc(chineseDate(view.expiryDate))}${view.expiryEstimated ? ' <span class="est">（按保质期推算）</span>' : ''}${expired}`
      : null;
    batch = `<section class="card" aria-label="批次信息"><h3>批次信息</h3><dl>
${fact('批次号', view.code.lot ? esc(view.code.lot) : null, true)}${fact('序列号', view.code.serial ? esc(view.code.serial) : null, true)}${fact('生产日期', view.productionDate ? esc(chineseDate(view.productionDate)) : null)}${fact('保质期至', expiry)}${fact('最佳食用期至', view.bestBeforeDate ? esc(chineseDate(view.bestBeforeDate)) : null)}${fact('保质期', p.shelfLifeDays ? `${p.shelfLifeDays} 天` : null)}${fact('生产企业', view.producer ? esc(view.producer) : null)}${fact('产地', view.origin ? esc(view.origin) : null)}
</dl></section>`;
  }

  const inputs =
    view.code.level !== 'class' && view.inputs.length > 0
      ? `<section class="card" aria-label="原料批次"><h3>原料批次</h3><ul class="inputs">${view.inputs.map(inputItem).join('')}</ul></section>`
      : '';

  let inspection = '';
  if (view.code.level !== 'class') {
    const i = view.inspection;
    if (i) {
      const seal = i.result === 'conformant' ? 'pass' : i.result === 'non_conformant' ? 'fail' : 'none';
      const what = i.kind === 'sampling' ? '抽样检验' : i.kind === 'inspecting' ? '检验' : '检测报告';
      const report = i.report ? (i.reportUrl ? `<a href="${esc(i.reportUrl)}" rel="noopener noreferrer nofollow">${esc(i.report)}</a>` : esc(i.report)) : null;
      inspection = `<section class="card" aria-label="检验报告"><h3>检验报告</h3>
<div class="result"><span class="seal ${seal}">${esc(i.resultLabel)}</span><p><strong>最近一次${esc(what)}</strong><br><span class="when">${esc(chineseDate(i.date))}</span></p></div>
<dl>${fact('检验地点', i.place ? esc([i.place, i.region].filter((x): x is string => !!x).join(' · ')) : null)}${fact('报告编号', report, true)}</dl>
</section>`;
    } else {
      inspection = '<section class="card" aria-label="检验报告"><h3>检验报告</h3><p class="empty">暂无该批次的检验记录。</p></section>';
    }
  }

  const timeline =
    view.code.level === 'class'
      ? ''
      : `<section class="card" aria-label="流通记录"><h3>流通记录</h3>${
          view.timeline.length
            ? `<ol class="timeline">${view.timeline.map((e, i) => timelineItem(e, i === view.timeline.length - 1)).join('')}</ol>`
            : '<p class="empty">暂无流通记录。</p>'
        }</section>`;

  const note =
    '<p class="note">以上信息由生产经营企业按 GS1 EPCIS 国际标准上报，由湖州市市场监督管理局质量数智平台汇集展示。如发现信息与实物不符，请拨打 12315 投诉举报。</p>';
  const head = `<link rel="alternate" type="${LINKSET_TYPE}" href="${esc(withLinkType(view.code.uri, 'linkset'))}">\n`;
  return page(`${name} · 一码通`, [...alerts, product, batch, inputs, inspection, timeline, note].join('\n'), head);
}

/** The friendly page for a code that cannot be read (400) or that the platform does not know (404). */
export function renderProblemPage(status: 400 | 404, code: string, details: readonly string[] = []): string {
  const title = status === 400 ? '无法识别的追溯码' : '未查询到该追溯码';
  const message =
    status === 400
      ? '这个二维码或条码的内容不是有效的商品追溯码，可能是印刷或扫描有误。请重新扫描，或在下方手动输入包装上的追溯码。'
      : '平台暂未收录这个追溯码的产品信息。可能是企业尚未登记，或该码并非本平台发放。如对产品来源有疑问，请拨打 12315 投诉举报。';
  const shown = code.length > 200 ? `${code.slice(0, 200)}…` : code;
  const body = `<section class="card" aria-label="${esc(title)}">
<div class="icon ${status === 400 ? 'bad' : 'unknown'}" aria-hidden="true">${status === 400 ? '!' : '?'}</div>
<h2>${esc(title)}</h2>
<p class="sub">${esc(message)}</p>
${shown ? `<dl class="mt"><dt>扫描内容</dt><dd class="mono">${esc(shown)}</dd></dl>` : ''}
<form method="get" action="/resolve" role="search"><input type="text" name="uri" aria-label="追溯码" placeholder="输入追溯码或商品条码" maxlength="500"><button type="submit">查询</button></form>
${details.length ? `<details><summary>技术细节</summary><ul>${details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul></details>` : ''}
</section>`;
  return page(`${title} · 一码通`, body);
}
