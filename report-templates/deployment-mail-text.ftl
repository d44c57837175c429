<#if kind == "rollback">Rollback ${id} of deployment ${undoes}<#else>Deployment ${id}</#if>

Run by ${runBy}<#if plan != "">, plan ${plan}</#if><#if workbook != "" && kind != "rollback"> (workbook ${workbook})</#if>
Started ${started}<#if finished != "">, finished ${finished}</#if>
<#if forced>Forced: files changed since the deployment were restored too.
</#if>

  ${applied} applied, ${refused} refused, ${failed} failed, ${rolledBack} rolled back

Instances:
<#if instances?size == 0>
  No instance had an approved row to apply.
</#if>
<#list instances as i>
  ${i.label}: ${i.result}, ${i.restarts} restart<#if i.restarts != 1>s</#if><#if i.reason != "">
      ${i.reason}</#if>
</#list>
<#if rows?size gt 0>

Rows:
<#list rows as r>
  ${r.changeId} (row ${r.rowNumber})  ${r.instance}  <#if r.type != "">${r.type}: </#if>${r.file}<#if r.setting != ""> ${r.setting}</#if><#if r.current != "" || r.proposed != "">  ${r.current} -> ${r.proposed}</#if>
      ${r.result}<#if r.approvedBy != "">, approved by ${r.approvedBy}</#if><#if r.reason != "">: ${r.reason}</#if>
</#list>
</#if>

Every row, file and sha256: ${historyCommand}
<#if rollbackCommand != "">
To undo it: ${rollbackCommand} (shows what would be restored; without --dry-run it restores)
</#if>

-- homeamp, ${kind} ${id}, ${generated}
