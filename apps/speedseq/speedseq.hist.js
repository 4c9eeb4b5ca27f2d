(function(A,X){
function s(t){return t<10?"0"+t:""+t}function p(t){if(typeof t!="number"||!isFinite(t))return"--:--";let e=Math.floor(Math.abs(t)),n=Math.floor(e/3600);return(t<0?"-":"")+(n?n+":"+s(Math.floor(e/60)%60):Math.floor(e/60))+":"+s(e%60)}var d="speedseq.hist.json";function u(t){return t.readJSON(d,!0)||[]}function c(t,e,n){return{"":{title:e,back:n,remove:t.remove}}}function a(t,e){t.Ce(function(){t.w.E.showMenu(e)})}function S(t,e,n,r){t.Ce(function(){t.w.E.showPrompt(n,{title:e,buttons:{OK:1}}).then(r)})}function m(t){let e=u(t.w.S),n=c(t,"History",function(){t.me("list")});e.forEach(function(r){let o=new Date(r[0]*1e3),i=o.getMonth()+1+"/"+o.getDate();n[i+" "+Math.round(r[1]/60)+"m R"+r[3]]=function(){S(t,"Session",r[5]+`
`+i+" "+p(r[1])+`
RPE `+r[3]+(r[4]?" hard":" easy")+", load "+r[2],function(){t.me("hist")})}}),e.length||(n["No sessions"]=function(){}),a(t,n)}m(A);
})
