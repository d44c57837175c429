homeamp report for ${date}<#if status == "INCOMPLETE"> (INCOMPLETE)<#elseif status == "COMPLETED_AFTER_RESTART"> (completed after restart)</#if>

<#if status == "INCOMPLETE">
THIS RUN IS INCOMPLETE. Work that could not be done, so the numbers below leave it out:
<#list gaps as g>
  - ${g.server}, step ${g.step}: ${g.reason} (since ${g.since})
</#list>
What to do: once the host is reachable again, run: homeamp restart
It does the missing work, rewrites the report and sends one follow-up mail.

<#elseif status == "COMPLETED_AFTER_RESTART">
This run is complete now. The first mail of this night was incomplete; a restart did the missing work:
<#list gaps as g>
  - ${g.server}, step ${g.step} (missing since ${g.since}, done ${g.resolved})
</#list>
The numbers and the attached workbook below are the whole night's; use this workbook, not the first one.

</#if>
  ${summary.newDrift} new drift, ${summary.openDrift} open, ${summary.resolvedDrift} resolved
  ${summary.pendingUpdates} pending updates
  ${summary.problems} problems
  ${summary.instances} instances, ${summary.jars} plugin jars
<#if (routing![])?has_content>

Where the servers were read:
<#list routing as r>
<#list r.servers as s>
  - ${r.step}, ${s.server}: ${s.text}
</#list>
</#list>
</#if>

<#if workbook != "">
The approvals workbook ${workbook} is attached. Set Approve to YES on the rows
you accept, save it, and run: homeamp deploy ${workbook} --dry-run
(to see what would change), then: homeamp deploy ${workbook}

</#if>
<#if reportUrl != "">
Report:   ${reportUrl}
Drift:    ${driftUrl}
Updates:  ${updatesUrl}
Problems: ${problemsUrl}
<#else>
The report is on the host in ${reportFolder}
</#if>
<#if drift?size gt 0>

Drift to review:
<#list drift as f>
  ${f.server}/${f.instance}  ${f.file}  ${f.key!""}  ${f.kind}<#if f.isNew()>  (new)</#if>
</#list>
<#if moreDrift gt 0>  ... and ${moreDrift} more in the report.
</#if>
</#if>
<#if updates?size gt 0>

Pending updates:
<#list updates as u>
  ${u.plugin}  ${u.installed} -> ${u.latest}  ${u.staged}  on ${u.instances}
</#list>
<#if moreUpdates gt 0>  ... and ${moreUpdates} more in the report.
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

-- homeamp, run ${summary.runId}, ${generated}
