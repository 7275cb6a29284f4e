#!/usr/bin/env python3
import subprocess,sys,re,collections,shutil,statistics,os
# usage: scripts/benchlayout.py ROUNDS COPIES name=bin:dir ...
#   e.g. scripts/benchlayout.py 20 6 old=/tmp/old.test:../old/evaluator new=/tmp/new.test:evaluator
# Each binary is copied COPIES times under names of different lengths (the
# argument and environment size shifts the stack and heap layout, which on
# this VM moves a benchmark by up to 25 %); every copy runs in turn, ROUNDS
# times. Per scenario: each copy's minimum, and the median of the copies'
# minima per binary.
rounds=int(sys.argv[1]); copies=int(sys.argv[2])
specs=[]
for a in sys.argv[3:]:
    name,rest=a.split('=',1); b,d=rest.split(':')
    for c in range(copies):
        p=f"/tmp/lb-{name}-{'x'*(c*7+1)}.test"; shutil.copy(b,p); os.chmod(p,0o755)
        specs.append((name,p,d))
res=collections.defaultdict(list)
for i in range(rounds):
    for name,p,d in specs:
        out=subprocess.run([p,'-test.run','^$','-test.bench','^BenchmarkEvaluate$/^(A-single-allow|B-realistic-allow|C-s3-fifty)$','-test.benchtime','100000x'],cwd=d,capture_output=True,text=True).stdout
        for m in re.finditer(r'^BenchmarkEvaluate/(\S+?)-\d+\s+\d+\s+([\d.]+) ns/op',out,re.M):
            res[(p,m.group(1))].append(float(m.group(2)))
names=sorted({k[1] for k in res}); bins=[]
for n,_,_ in specs:
    if n not in bins: bins.append(n)
for sc in names:
    meds={}
    for b in bins:
        mins=[min(res[(p,sc)]) for n,p,_ in specs if n==b]
        meds[b]=statistics.median(mins)
        print(f"{sc:18s} {b:6s} copy minima: "+" ".join(f"{m:.1f}" for m in mins)+f"  median {meds[b]:.1f}")
    base=meds[bins[0]]
    print(f"{sc:18s} "+"  ".join(f"{b}: {(meds[b]/base-1)*100:+.1f}%" for b in bins))
