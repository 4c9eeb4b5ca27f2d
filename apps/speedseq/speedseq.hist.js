(function(A,X){
function s(t){function r(o){return o<10?"0"+o:""+o}if(typeof t!="number"||!isFinite(t))return"--:--";let n=Math.floor(Math.abs(t)),e=Math.floor(n/3600);return(t<0?"-":"")+(e?e+":"+r(Math.floor(n/60)%60):Math.floor(n/60))+":"+r(n%60)}var S="speedseq.hist.json";function p(t){return t.readJSON(S,!0)||[]}function u(t,r,n){return{"":{title:r,back:n,remove:t.remove}}}function c(t,r){t.Te(function(){t.w.E.showMenu(r)})}function a(t,r,n,e){t.Te(function(){t.w.E.showPrompt(n,{title:r,buttons:{OK:1}}).then(e)})}function d(t){let r=p(t.w.S),n=u(t,"History",function(){t.se("list")});r.forEach(function(e){let o=new Date(e[0]*1e3),i=o.getMonth()+1+"/"+o.getDate();n[i+" "+Math.round(e[1]/60)+"m R"+e[3]]=function(){a(t,"Session",e[5]+`
`+i+" "+s(e[1])+`
RPE `+e[3]+(e[4]?" hard":" easy")+", load "+e[2],function(){t.se("hist")})}}),r.length||(n["No sessions"]=function(){}),c(t,n)}d(A);
})
