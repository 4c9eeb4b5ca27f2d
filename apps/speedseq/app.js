"use strict";(()=>{function e(){Bangle.loadWidgets(),Bangle.drawWidgets();let n={v:1,name:"SpeedSeq",steps:[]};g.setFont("6x8",2).setFontAlign(0,0).drawString(n.name,88,88)}e();})();
