(function(A,X){
function o(t){return t<10?"0"+t:""+t}function d(t){return Math.floor(t/60)+":"+o(t%60)}function p(t){if(typeof t!="number"||!isFinite(t))return"--:--";let e=Math.floor(Math.abs(t)),n=Math.floor(e/3600);return(t<0?"-":"")+(n?n+":"+o(Math.floor(e/60)%60)+":"+o(e%60):d(e))}var f="speedseq.hist.json";function u(t){return t.readJSON(f,!0)||[]}function c(t,e,n){return{"":{title:e,back:n,remove:t.remove}}}function a(t,e){t.He(function(){t.w.E.showMenu(e)})}function m(t,e,n,r){t.He(function(){t.w.E.showPrompt(n,{title:e,buttons:{OK:1}}).then(r)})}function S(t){let e=u(t.w.S),n=c(t,"History",function(){t.fe("list")});e.forEach(function(r){let i=new Date(r[0]*1e3),s=i.getMonth()+1+"/"+i.getDate();n[s+" "+Math.round(r[1]/60)+"m R"+r[3]]=function(){m(t,"Session",r[5]+`
`+s+" "+p(r[1])+`
RPE `+r[3]+(r[4]?" hard":" easy")+", load "+r[2],function(){t.fe("hist")})}}),e.length||(n["No sessions"]=function(){}),a(t,n)}S(A);
})
