(function(A,X){
function u(e,t,n){return{"":{title:t,back:n,remove:e.remove}}}function p(e,t){e.Ke(function(){e.w.E.showMenu(t)})}function c(e){let t=e.gt;if(!t)return;let n=t.s.step,o=function(){e.Ke(function(){t.dn()})},i=function(s){return function(){t.ge(s),o()}},r=u(e,"Paused",o);r.Resume=i("resume"),r["Next step"]=i("skip"),n&&(n.kind==="recovery"||n.kind==="rest")&&(r["+30 s"]=i("extend")),r["End session"]=function(){e.Ke(function(){e.w.E.showPrompt("End the session?",{title:"End",buttons:{No:!1,End:!0}}).then(function(s){s&&t.ge("end"),e.gt&&o()})})},p(e,r)}c(A);
})
