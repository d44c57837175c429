homeamp report for ${date}

  ${summary.newDrift} new drift, ${summary.openDrift} open, ${summary.resolvedDrift} resolved
  ${summary.pendingUpdates} pending updates
  ${summary.problems} problems
  ${summary.instances} instances, ${summary.jars} plugin jars

<#if workbook != "">
The approvals workbook ${workbook} is attached. Set Approve to YES on the rows
you accept, save it, and run: homeamp deploy ${workbook}

</#if>
<#if reportUrl != "">
Report:   ${reportUrl}
Drift:    ${driftUrl}
Updates:  ${updatesUrl}
Problems: ${problemsUrl}
<#else>
The report is on the host in ${reportFolder}
</#if>
<#if newDrift?size gt 0>

New drift:
<#list newDrift as f>
  ${f.server}/${f.instance}  ${f.file}  ${f.key!""}  ${f.kind}
</#list>
<#if moreNewDrift gt 0>  ... and ${moreNewDrift} more in the report.
</#if>
</#if>
<#if problems?size gt 0>

Problems:
<#list problems as p>
  ${p.kind}  ${p.where()}  ${p.message}
</#list>
<#if moreProblems gt 0>  ... and ${moreProblems} more in the report.
</#if>
</#if>

-- homeamp, run ${summary.runId}
