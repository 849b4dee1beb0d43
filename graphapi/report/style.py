"""The report's inline stylesheet (print friendly, no external fonts)."""

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:24px 32px;
color:#1b1b1b;line-height:1.4;max-width:1400px}
h1{margin:0 0 4px;font-size:28px}h2{border-bottom:2px solid #1f4e9c;padding-bottom:4px;
margin-top:32px;font-size:20px}h3{font-size:16px;margin:16px 0 6px}
.meta{color:#555;margin:0}code{font-size:90%;background:#f3f3f3;padding:1px 4px;border-radius:3px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ccc;
padding:4px 8px;text-align:left;vertical-align:top}thead th{background:#eef2f8}
table.kv th{background:#f6f6f6;width:180px}td.none{color:#777;font-style:italic}
.rating{font-size:22px;margin:8px 0}.rating .score{display:inline-block;min-width:44px;
text-align:center;font-size:34px;font-weight:700;color:#fff;border-radius:8px;padding:2px 8px}
.rating-1 .score{background:#2e7d32}.rating-2 .score{background:#689f38}
.rating-3 .score{background:#f9a825}.rating-4 .score{background:#ef6c00}
.rating-5 .score{background:#c62828}
.rating-insufficient .score{background:#757575}
.rating .label{font-weight:600;text-transform:uppercase}
.signal{border-left:5px solid #999;padding:4px 12px;margin:12px 0;background:#fafafa}
.signal.severity-5,.signal.severity-4{border-color:#c62828}.signal.severity-3{border-color:#ef6c00}
.sev{font-size:12px;color:#fff;background:#555;border-radius:4px;padding:1px 6px;margin-left:6px}
.date{font-size:12px;color:#555;margin-left:6px}.params{color:#666;font-size:12px}
svg.network{border:1px solid #ddd;background:#fff;max-width:100%;height:auto}
.charts{display:flex;flex-wrap:wrap;gap:12px}svg.ratio-chart{border:1px solid #ddd;
background:#fff}.legend{color:#555;font-size:12px}table.figures td{text-align:right}
footer{margin-top:40px;color:#777;font-size:12px}
@media print{body{margin:0}section{break-inside:avoid-page}svg.ratio-chart{break-inside:avoid}}
"""
