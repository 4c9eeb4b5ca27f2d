// The .info file the App Loader writes beside an app's files: shared by tools/appfiles.mjs (from
// the disk) and the emulator page's Worker (emulator/page/fw-session.ts, over a fetch). No imports.

/** [name, text] of the .info for `meta` (metadata.json) and the storage names of its files */
export function appInfo(meta, names) {
  const info = {
    id: meta.id, name: meta.shortName || meta.name, type: meta.type, src: `${meta.id}.app.js`, icon: `${meta.id}.img`,
    version: meta.version, tags: meta.tags, files: [...names, `${meta.id}.info`].join(","),
    data: meta.data.map((d) => d.name || d.wildcard).join(","),
  };
  return [`${meta.id}.info`, JSON.stringify(info)];
}
