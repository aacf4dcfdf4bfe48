"""The catalog's style sheet and filter script, inlined into each page (no file to lose).

Colours keep a contrast of at least 4.5:1 on their background (WCAG AA); focus is a
3-pixel outline on every link and control. The script only shows and runs the filter: with
JavaScript off, the form stays hidden and every row is listed.
"""

from __future__ import annotations

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a;"
    "background:#fff;line-height:1.4}"
    "a{color:#0a4f9e}a:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #b34700;"
    "outline-offset:2px}"
    "table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}"
    "th,td{border:1px solid #8a8a8a;padding:.4rem;text-align:left;vertical-align:top}"
    "thead th{background:#e8eef7}caption{text-align:left;color:#404040;padding:.2rem 0}"
    "td ul{margin:0;padding-left:1.1rem}.nowrap{white-space:nowrap}code{font-size:.75rem;word-break:break-all}"
    "h2{border-bottom:2px solid #1f5fa8;padding-top:1rem}"
    ".jump{columns:14rem;padding-left:1.1rem}"
    ".filter{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;background:#f3f5f8;padding:.75rem;"
    "border:1px solid #8a8a8a}.filter label{display:block;font-weight:600}"
    ".filter input,.filter select{font:inherit;padding:.25rem;border:1px solid #595959}"
    ".filter p{margin:0}.failed{color:#8b1a1a;background:#fdeeee;border-left:4px solid #8b1a1a;"
    "padding:.25rem .5rem;margin:0 0 .4rem}"
    ".thumb,th img{display:block}th img{margin-bottom:.3rem;border:1px solid #8a8a8a;width:160px;height:auto}"
    ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
    "[hidden]{display:none!important}"
)

# A county's section carries its words in data-s (name, slug, its names for the programs),
# each row the words its text does not show (module id, programs), the level in data-level and the
# generic programs in data-programs; a county none of whose rows match is hidden with them.
FILTER_SCRIPT = (
    "(function(){var f=document.getElementById('ck-filter');if(!f)return;f.hidden=false;"
    "var q=document.getElementById('ck-q'),l=document.getElementById('ck-level'),"
    "p=document.getElementById('ck-program'),n=document.getElementById('ck-count'),"
    "s=[].slice.call(document.querySelectorAll('section.county'));"
    "function run(){var w=q.value.toLowerCase().split(/\\s+/).filter(Boolean),shown=0;"
    "s.forEach(function(c){var any=false,k=c.getAttribute('data-s')+' ';"
    "[].forEach.call(c.querySelectorAll('tbody tr[data-s]'),function(r){var t=(k+r.getAttribute('data-s')+' '+r.textContent).toLowerCase(),ok=w.every(function(x){return t.indexOf(x)>=0})"
    "&&(!l.value||r.getAttribute('data-level')===l.value)"
    "&&(!p.value||(' '+r.getAttribute('data-programs')+' ').indexOf(' '+p.value+' ')>=0);"
    "r.hidden=!ok;if(ok){any=true;shown++}});c.hidden=!any});"
    "n.textContent=shown+(shown===1?' module':' modules')+' shown'}"
    "f.addEventListener('input',run);f.addEventListener('change',run);"
    "f.addEventListener('submit',function(e){e.preventDefault()});run()})();"
)
