(function(A,X){
function p(e,t,n){return{"":{title:t,back:n,remove:e.remove}}}function u(e,t){e.He(function(){e.w.E.showMenu(t)})}function c(e){let t=e.xt;if(!t)return;let n=t.s.step,o=function(){e.He(function(){t.Ze()})},s=function(i){return function(){t.de(i),o()}},r=p(e,"Paused",o);r.Resume=s("resume"),r["Next step"]=s("skip"),n&&(n.kind==="recovery"||n.kind==="rest")&&(r["+30 s"]=s("extend")),r["End session"]=function(){e.He(function(){e.w.E.showPrompt("End the session?",{title:"End",buttons:{No:!1,End:!0}}).then(function(i){i&&t.de("end"),e.xt&&o()})})},u(e,r)}c(A);
})
