// Switchboard stub: queues calls made before /widget.js has loaded (the loader replays them).
// It can be inline on your page too; it is a file here so that the demo works under a strict CSP.
window.Switchboard = window.Switchboard || function () { (window.Switchboard.q = window.Switchboard.q || []).push(arguments); };
