(function(A,X){
function i(t){function r(o){return o<10?"0"+o:""+o}if(typeof t!="number"||!isFinite(t))return"--:--";let n=Math.floor(Math.abs(t)),e=Math.floor(n/3600);return(t<0?"-":"")+(e?e+":"+r(Math.floor(n/60)%60):Math.floor(n/60))+":"+r(n%60)}var m="speedseq.hist.json";function p(t){return t.readJSON(m,!0)||[]}function u(t,r,n){return{"":{title:r,back:n,remove:t.remove}}}function c(t,r){t.we(function(){t.w.E.showMenu(r)})}function a(t,r,n,e){t.we(function(){t.w.E.showPrompt(n,{title:r,buttons:{OK:1}}).then(e)})}function S(t){let r=p(t.w.S),n=u(t,"History",function(){t.Se("list")});r.forEach(function(e){let o=new Date(e[0]*1e3),s=o.getMonth()+1+"/"+o.getDate();n[s+" "+Math.round(e[1]/60)+"m R"+e[3]]=function(){a(t,"Session",e[5]+`
`+s+" "+i(e[1])+`
RPE `+e[3]+(e[4]?" hard":" easy")+", load "+e[2],function(){t.Se("hist")})}}),r.length||(n["No sessions"]=function(){}),c(t,n)}S(A);
})
