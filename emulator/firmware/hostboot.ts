// The host's instrumentation, installed on the virtual watch as App Loader boot files are: the
// bootloader evaluates every `*.boot.js` before any app runs, so these wrappers see every call an
// app makes. Each report is one console line starting with HOST_MARK, which the host takes out of
// the console stream. They are Espruino source, kept to what the firmware parses.

export const HOST_MARK = "<<H ";

/** buzzes (virtual time, ms, strength) and GPS/HRM power requests (sensor, on, app id) */
export const HOST_BOOT = `(function(){
var b=Bangle.buzz,gp=Bangle.setGPSPower,hp=Bangle.setHRMPower;
Bangle.buzz=function(ms,s){print("${HOST_MARK}B "+Date.now()+" "+(ms===undefined?200:ms)+" "+(s===undefined?1:s));return b.call(Bangle,ms,s);};
Bangle.setGPSPower=function(on,id){print("${HOST_MARK}P GPS "+(on?1:0)+" "+id);return gp.call(Bangle,on,id);};
Bangle.setHRMPower=function(on,id){print("${HOST_MARK}P HRM "+(on?1:0)+" "+id);return hp.call(Bangle,on,id);};
})();`;

/**
 * Every string drawn, with its box on the screen, so a test can tap a menu row or a prompt
 * button by its text. It tracks the font alignment itself (the firmware does not expose it).
 */
export const TEXT_BOOT = `(function(){
var ax=-1,ay=-1,d=g.drawString,fa=g.setFontAlign,r=g.reset,c=g.clear;
g.setFontAlign=function(x,y,rot){ax=x||0;ay=y||0;return fa.apply(g,arguments);};
g.reset=function(){ax=-1;ay=-1;return r.apply(g,arguments);};
g.clear=function(rs){if(rs){ax=-1;ay=-1;}return c.apply(g,arguments);};
g.drawString=function(s,x,y){s=""+s;var w=g.stringWidth(s),h=g.getFontHeight()*s.split("\\n").length;
print("${HOST_MARK}T "+Math.round(x-w*(ax+1)/2)+" "+Math.round(y-h*(ay+1)/2)+" "+w+" "+h+" "+JSON.stringify(s));return d.apply(g,arguments);};
})();`;
