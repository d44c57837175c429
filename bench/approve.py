#!/usr/bin/env python3
# Approve = YES on every server.properties config row and on the first 5 plugin-update rows of an approvals
# workbook, by editing the Changes sheet's XML as a spreadsheet tool would (bench/deploy.sh, bench/worker-deploy.sh).
# Usage: bench/approve.py APPROVALS.xlsx OUT.xlsx
import sys, zipfile, re, shutil
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
names = zin.namelist()
shared = zin.read('xl/sharedStrings.xml').decode() if 'xl/sharedStrings.xml' in names else ''
strings = re.findall(r'<si>(.*?)</si>', shared, re.S)
text = [re.sub(r'<[^>]+>', '', s) for s in strings]
sheet_name = None
wbxml = zin.read('xl/workbook.xml').decode()
rels = zin.read('xl/_rels/workbook.xml.rels').decode()
rid = re.search(r'<sheet[^>]*name="Changes"[^>]*r:id="([^"]+)"', wbxml).group(1)
target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
sheet_path = 'xl/' + target.group(1).lstrip('/').replace('xl/', '')
xml = zin.read(sheet_path).decode()
def cell_text(c):
    t = re.search(r't="(\w+)"', c)
    v = re.search(r'<v>(.*?)</v>', c, re.S)
    is_ = re.search(r'<is>(.*?)</is>', c, re.S)
    if is_: return re.sub(r'<[^>]+>', '', is_.group(1))
    if v is None: return ''
    return text[int(v.group(1))] if t and t.group(1) == 's' else v.group(1)
rows = re.findall(r'(<row[^>]*>.*?</row>)', xml, re.S)
header = {}
for c in re.findall(r'<c [^>]*?(?:/>|>.*?</c>)', rows[0], re.S):
    ref = re.search(r'r="([A-Z]+)1"', c).group(1); header[cell_text(c)] = ref
approve, typ, fil = header['Approve'], header['Type'], header['File']
updates = 0
out = xml
for row in rows[1:]:
    num = re.search(r'<row[^>]*r="(\d+)"', row).group(1)
    cells = {re.search(r'r="([A-Z]+)\d+"', c).group(1): cell_text(c) for c in re.findall(r'<c [^>]*?(?:/>|>.*?</c>)', row, re.S)}
    ok = (cells.get(typ) == 'config' and cells.get(fil) == 'server.properties')
    if cells.get(typ) == 'plugin-update' and updates < 5:
        ok = True; updates += 1
    if not ok: continue
    ref = approve + num
    newcell = '<c r="%s" t="inlineStr"><is><t>YES</t></is></c>' % ref
    m = re.search(r'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref, row, re.S)
    newrow = row.replace(m.group(0), newcell) if m else row.replace('</row>', newcell + '</row>')
    out = out.replace(row, newrow)
zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for n in names:
    zout.writestr(n, out if n == sheet_path else zin.read(n))
zout.close()
