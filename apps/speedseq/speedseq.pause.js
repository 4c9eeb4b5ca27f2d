(function(A,X){
function p(t,e,n){return{"":{title:e,back:n,remove:t.remove}}}function u(t,e){t.De(function(){t.w.E.showMenu(e)})}function c(t){let e=t.s;if(!e)return;let n=e.step,o=function(){t.De(function(){t.$e()})},s=function(i){return function(){t.le(i),o()}},r=p(t,"Paused",o);r.Resume=s("resume"),r["Next step"]=s("skip"),n&&(n.kind==="recovery"||n.kind==="rest")&&(r["+30 s"]=s("extend")),r["End session"]=function(){t.De(function(){t.w.E.showPrompt("End the session?",{title:"End",buttons:{No:!1,End:!0}}).then(function(i){i&&t.le("end"),t.s&&o()})})},u(t,r)}c(A);
})
