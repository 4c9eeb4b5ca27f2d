(function(A,X){
function o(e){return e<10?"0"+e:""+e}function d(e){return Math.floor(e/60)+":"+o(e%60)}function u(e){if(typeof e!="number"||!isFinite(e))return"--:--";let t=Math.floor(Math.abs(e)),n=Math.floor(t/3600);return(e<0?"-":"")+(n?n+":"+o(Math.floor(t/60)%60)+":"+o(t%60):d(t))}var b="speedseq.hist.json";function p(e){return e.readJSON(b,!0)||[]}function c(e,t,n){return{"":{title:t,back:n,remove:e.remove}}}function m(e,t){e.Ke(function(){e.w.E.showMenu(t)})}function a(e,t,n,r){e.Ke(function(){e.w.E.showPrompt(n,{title:t,buttons:{OK:1}}).then(r)})}function f(e){let t=p(e.w.S),n=c(e,"History",function(){e.xe("list")});t.forEach(function(r){let i=new Date(r[0]*1e3),s=i.getMonth()+1+"/"+i.getDate();n[s+" "+Math.round(r[1]/60)+"m R"+r[3]]=function(){a(e,"Session",r[5]+`
`+s+" "+u(r[1])+`
RPE `+r[3]+(r[4]?" hard":" easy")+", load "+r[2],function(){e.xe("hist")})}}),t.length||(n["No sessions"]=function(){}),m(e,n)}f(A);
})
