/* Web push on the preferences page, a progressive enhancement: where the browser has service
   workers and the Push API, the "allow notifications" button appears; it subscribes this browser
   with the portal's VAPID key and hands the subscription to the server. Without JavaScript the
   page works as before (the push checkbox simply has no browser to push to). */
(function () {
  "use strict";
  var box = document.getElementById("push-controls");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window)) {
    return;
  }
  var allow = document.getElementById("push-subscribe");
  var stop = document.getElementById("push-unsubscribe");
  var status = document.getElementById("push-status");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");

  function applicationServerKey(base64url) {
    var base64 = (base64url + "===".slice((base64url.length + 3) % 4))
      .replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response;
    });
  }

  function show(subscribed, message) {
    allow.hidden = subscribed;
    stop.hidden = !subscribed;
    if (message) {
      status.textContent = message;
    }
  }

  navigator.serviceWorker.register(box.dataset.workerUrl).then(function (registration) {
    box.hidden = false;
    registration.pushManager.getSubscription().then(function (existing) {
      show(Boolean(existing));
    });
    allow.addEventListener("click", function () {
      registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: applicationServerKey(box.dataset.vapidKey)
      }).then(function (subscription) {
        return post(box.dataset.subscribeUrl, subscription.toJSON());
      }).then(function () {
        show(true, box.dataset.msgSubscribed);
      }).catch(function () {
        var denied = window.Notification && window.Notification.permission === "denied";
        show(false, denied ? box.dataset.msgDenied : box.dataset.msgFailed);
      });
    });
    stop.addEventListener("click", function () {
      registration.pushManager.getSubscription().then(function (subscription) {
        if (!subscription) {
          return null;
        }
        return post(box.dataset.unsubscribeUrl, { endpoint: subscription.endpoint })
          .then(function () { return subscription.unsubscribe(); });
      }).then(function () {
        show(false, box.dataset.msgUnsubscribed);
      }).catch(function () {
        status.textContent = box.dataset.msgFailed;
      });
    });
  });
}());
