(function(A,X){
function p(t,e,n){return{"":{title:e,back:n,remove:t.remove}}}function u(t,e){t.Ce(function(){t.w.E.showMenu(e)})}function c(t){let e=t._;if(!e)return;let n=e.s.step,o=function(){t.Ce(function(){e.Ze()})},s=function(i){return function(){e.le(i),o()}},r=p(t,"Paused",o);r.Resume=s("resume"),r["Next step"]=s("skip"),n&&(n.kind==="recovery"||n.kind==="rest")&&(r["+30 s"]=s("extend")),r["End session"]=function(){t.Ce(function(){t.w.E.showPrompt("End the session?",{title:"End",buttons:{No:!1,End:!0}}).then(function(i){i&&e.le("end"),t._&&o()})})},u(t,r)}c(A);
})
