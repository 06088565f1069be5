// Demo page behaviour: buttons that use the public API, and single-page-app style navigation
// (history.pushState + re-rendering <main>) to show that the widget survives it.
document.querySelectorAll('[data-topic]').forEach(function (button) {
  button.addEventListener('click', function () { window.Switchboard('startChat', button.getAttribute('data-topic')); });
});
window.Switchboard('on', 'unread_count_changed', function (event) {
  document.title = (event.count ? '(' + event.count + ') ' : '') + document.title.replace(/^\(\d+\) /, '');
});
document.querySelectorAll('[data-spa]').forEach(function (link) {
  link.addEventListener('click', function (event) {
    event.preventDefault();
    var name = link.textContent;
    history.pushState({ page: name }, '', link.getAttribute('href'));
    document.getElementById('app').innerHTML = '<section class="hero"><h1></h1><p>Rendered without a page load (history.pushState).</p></section>';
    document.querySelector('#app h1').textContent = name;
  });
});
