(function(A,X){
function p(e,t,n){return{"":{title:t,back:n,remove:e.remove}}}function u(e,t){e.Fe(function(){e.w.E.showMenu(t)})}function c(e){let t=e._;if(!t)return;let n=t.s.step,o=function(){e.Fe(function(){t.qe()})},s=function(i){return function(){t.me(i),o()}},r=p(e,"Paused",o);r.Resume=s("resume"),r["Next step"]=s("skip"),n&&(n.kind==="recovery"||n.kind==="rest")&&(r["+30 s"]=s("extend")),r["End session"]=function(){e.Fe(function(){e.w.E.showPrompt("End the session?",{title:"End",buttons:{No:!1,End:!0}}).then(function(i){i&&t.me("end"),e._&&o()})})},u(e,r)}c(A);
})
