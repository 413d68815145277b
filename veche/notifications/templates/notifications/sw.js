{% load static %}/* The portal's service worker: shows a pushed notice and opens its link when clicked
   (the payload: veche/notifications/webpush.py push_payload). */
"use strict";

self.addEventListener("push", function (event) {
  var notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch (error) {
    notice = { title: event.data.text() };
  }
  event.waitUntil(self.registration.showNotification(notice.title || "{{ PORTAL_NAME|escapejs }}", {
    body: notice.body || "",
    tag: notice.tag || undefined,
    icon: "{% static 'core/favicon.svg' %}",
    data: { url: notice.url || "/" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
