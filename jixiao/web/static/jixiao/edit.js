// The edit page: jump from a finding in the side panel to its field, and keep the page's notes in step.
document.addEventListener("click", function (event) {
  var link = event.target.closest(".all-notes a, .review-list a");
  if (!link) return;
  var target = document.querySelector(link.getAttribute("href"));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ behavior: "smooth", block: "center" });
  var input = target.querySelector("input, textarea, select");
  if (input) input.focus({ preventScroll: true });
});
// Mark fields that have notes after each live update (the notes themselves come from the server).
document.addEventListener("htmx:afterSettle", function () {
  document.querySelectorAll(".field").forEach(function (field) {
    var notes = field.querySelector(".notes");
    field.classList.toggle("has-notes", !!(notes && notes.children.length));
  });
});

// Saving, field by field (docs/web.md「保存与冲突」). The page sends only the fields that changed, each
// with the value it had for it (its base: what it loaded, or what the server acknowledged storing)
// and the revision it was loaded at. The status line says 「已保存」 only when the server said so; any
// failure keeps the typed text in its field, says so in Chinese, and offers the way forward.
(function () {
  var form = document.getElementById("edit");
  var wordsNode = document.getElementById("save-words");
  if (!form || !wordsNode) return;
  var W = JSON.parse(wordsNode.textContent);
  var state = document.getElementById("save-state");
  var actions = document.getElementById("save-actions");
  var META = { csrfmiddlewaretoken: 1, structure: 1, revision: 1, op: 1 };
  var base = {}; // path → the value the server has for it, as far as this page knows
  var held = {}; // path → true while a conflict waits for the person's choice
  var rejected = {}; // path → the value the server just refused (not sent again until it changes)
  var sent = null; // path → value, the save in flight
  var retries = 0;
  var retryTimer = null;
  var afterSave = null; // what a structure button waits for

  function say(key, values) {
    var text = W[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }
  function inputs() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !META[el.name] && !/_present$/.test(el.name) && el.type !== "submit" && el.type !== "button";
    });
  }
  function valueOf(el) {
    return el.type === "checkbox" ? (el.checked ? "on" : "") : el.value;
  }
  function fieldBox(name) {
    var el = form.elements.namedItem(name);
    return el && el.closest ? el.closest(".field") : null;
  }
  function dirty() {
    return inputs().filter(function (el) {
      return valueOf(el) !== base[el.name];
    });
  }
  function toSend() {
    return dirty().filter(function (el) {
      return !held[el.name] && rejected[el.name] !== valueOf(el);
    });
  }
  function ours(event) {
    var d = event.detail || {};
    return d.elt === form || (d.requestConfig && d.requestConfig.elt === form);
  }
  inputs().forEach(function (el) {
    base[el.name] = valueOf(el);
  });

  function setState(text, kind) {
    state.innerHTML = "";
    var span = document.createElement("span");
    span.className = "save-state " + (kind || "");
    span.textContent = text;
    state.appendChild(span);
  }
  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "small";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }
  function clearActions() {
    actions.innerHTML = "";
  }
  function markUnsaved() {
    document.querySelectorAll(".field.unsaved").forEach(function (box) {
      box.classList.remove("unsaved");
    });
    dirty().forEach(function (el) {
      var box = fieldBox(el.name);
      if (!box) return;
      box.classList.add("unsaved");
      if (!box.querySelector(".unsaved-note")) {
        var note = document.createElement("span");
        note.className = "unsaved-note";
        note.textContent = W.field_unsaved;
        box.insertBefore(note, box.querySelector(".notes"));
      }
    });
    document.querySelectorAll(".field:not(.unsaved) .unsaved-note").forEach(function (note) {
      note.remove();
    });
  }
  function unsavedText() {
    return dirty()
      .map(function (el) {
        var box = fieldBox(el.name);
        var label = box && box.querySelector("label") ? box.querySelector("label").textContent.trim() : el.name;
        return label + ":" + valueOf(el);
      })
      .join("\n");
  }
  function copyUnsaved() {
    var text = unsavedText();
    var shown = document.createElement("textarea");
    shown.className = "unsaved-copy";
    shown.readOnly = true;
    shown.value = text;
    var done = function () {
      actions.appendChild(document.createTextNode(" " + W.copied));
    };
    var byHand = function () {
      actions.appendChild(document.createTextNode(" " + W.copy_by_hand));
      actions.appendChild(shown);
      shown.select();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, byHand);
    } else {
      byHand();
    }
  }
  function retry() {
    clearTimeout(retryTimer);
    retryTimer = null;
    htmx.trigger(form, "change");
  }
  // A save that stored nothing: say why, keep every typed text, offer the way forward.
  function failed(reason, options) {
    sent = null;
    var text = say("unsaved", { reason: reason });
    setState(text + (/[。!?]$/.test(text) ? "" : "。") + W.kept, "error");
    clearActions();
    if (options.retry) actions.appendChild(button(W.retry, retry));
    actions.appendChild(button(W.copy, copyUnsaved));
    if (options.reload) actions.appendChild(button(W.reload, function () { location.reload(); }));
    markUnsaved();
    if (options.retry && retries < 5) {
      retryTimer = setTimeout(retry, [3000, 10000, 30000, 60000, 120000][retries]);
      retries += 1;
    }
    if (afterSave) afterSave(false);
  }
  function reasonOf(xhr) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (type.indexOf("text/plain") === 0 && /[\u4e00-\u9fff]/.test(xhr.responseText)) {
      return xhr.responseText.slice(0, 300);
    }
    var found = /data-reason="([^"]*)"/.exec(xhr.responseText || "");
    if (!found) return "";
    var decode = document.createElement("textarea");
    decode.innerHTML = found[1];
    return decode.value;
  }

  form.addEventListener("input", function () {
    if (dirty().length) setState(W.dirty, "pending");
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty().length) {
      event.preventDefault();
      event.returnValue = W.leave;
      return W.leave;
    }
  });
  window.addEventListener("pageshow", function () {
    inputs().forEach(function (el) {
      el.disabled = false;
    });
  });

  // Send only what changed, each with its base.
  form.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt !== form) return;
    var changed = toSend();
    if (!changed.length) {
      event.preventDefault();
      if (afterSave) afterSave(!dirty().length);
      return;
    }
    var data = event.detail.formData;
    inputs().forEach(function (el) {
      data.delete(el.name);
      data.delete(el.name + "_present");
    });
    sent = {};
    changed.forEach(function (el) {
      sent[el.name] = valueOf(el);
      data.set(el.name, sent[el.name]);
      data.set("base:" + el.name, base[el.name]);
    });
    setState(W.saving, "pending");
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!ours(event)) return;
    var xhr = event.detail.xhr;
    var status = xhr.status;
    var acknowledged = xhr.getResponseHeader("X-Jixiao-Saved");
    if ((status === 200 || status === 409) && acknowledged) {
      var unsaved = JSON.parse(xhr.getResponseHeader("X-Jixiao-Unsaved") || "[]");
      Object.keys(sent || {}).forEach(function (name) {
        if (unsaved.indexOf(name) < 0) base[name] = sent[name];
        else rejected[name] = sent[name];
      });
      sent = null;
      retries = 0;
      clearActions();
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      return;
    }
    event.detail.shouldSwap = false;
    event.detail.isError = false;
    if (status === 200) {
      // Answered, but not by a save: the login page after the session ended.
      failed(W.login, { retry: true, reload: false });
    } else if (status === 403) {
      failed(reasonOf(xhr) || W.locked, { retry: false, reload: true });
    } else if (status >= 500) {
      failed(say("server", { status: status }), { retry: true, reload: false });
    } else {
      failed(reasonOf(xhr) || say("refused", { status: status }), { retry: false, reload: true });
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    if (ours(event)) failed(W.network, { retry: true, reload: false });
  });
  document.addEventListener("htmx:timeout", function (event) {
    if (ours(event)) failed(W.network, { retry: true, reload: false });
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!ours(event)) return;
    placeConflicts();
    markUnsaved();
    var open = Object.keys(held).length;
    var ok = state.querySelector(".save-state.ok");
    if (open && ok) {
      // A conflict from an earlier save still waits for a choice: 「已保存」 is not the whole truth.
      setState(say("conflicts", { count: open }) + ";" + ok.textContent, "error");
    }
    if (toSend().length) {
      setState(W.dirty, "pending");
      htmx.trigger(form, "change");
    } else if (afterSave) {
      afterSave(!dirty().length);
    }
  });

  // Conflicts: the server sends one note per field, with both values; put each beside its field.
  function placeConflicts() {
    var inbox = document.getElementById("save-conflicts");
    if (!inbox) return;
    Array.prototype.slice.call(inbox.querySelectorAll(".conflict")).forEach(function (note) {
      var path = note.getAttribute("data-path");
      var box = document.getElementById("fld-" + note.getAttribute("data-slot"));
      if (!box) return;
      var old = box.querySelector(".conflict");
      if (old) old.remove();
      box.insertBefore(note, box.querySelector(".notes"));
      held[path] = true;
    });
  }
  form.addEventListener("click", function (event) {
    var choice = event.target.closest(".conflict button[data-choice]");
    if (choice) {
      var note = choice.closest(".conflict");
      var path = note.getAttribute("data-path");
      var stored = note.getAttribute("data-stored");
      var el = form.elements.namedItem(path);
      delete held[path];
      delete rejected[path];
      base[path] = stored; // the page now knows what is stored
      if (choice.getAttribute("data-choice") === "stored" && el) {
        var mine = valueOf(el);
        if (el.type === "checkbox") el.checked = stored === "on";
        else el.value = stored;
        var kept = document.createElement("p");
        kept.className = "took-stored";
        kept.textContent = W.took_stored + mine + " ";
        kept.appendChild(button(W.close, function () { kept.remove(); }));
        note.replaceWith(kept);
      } else {
        note.remove();
      }
      markUnsaved();
      htmx.trigger(form, "change");
      return;
    }
    // A structure button (add or remove a row): save what was typed first, then post only the op.
    var op = event.target.closest("button[name=op]");
    if (!op || event.defaultPrevented) return;
    event.preventDefault();
    var go = function (ok) {
      afterSave = null;
      if (!ok) {
        markUnsaved();
        return;
      }
      inputs().forEach(function (el) {
        el.disabled = true; // the op needs no field: everything typed is already stored
      });
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "op";
      hidden.value = op.value;
      form.appendChild(hidden);
      form.action = op.getAttribute("formaction");
      HTMLFormElement.prototype.submit.call(form);
    };
    if (!dirty().length && !sent) return go(true);
    afterSave = go;
    if (!sent) htmx.trigger(form, "change");
  });

  // Other requests of the page (已核对): say plainly when they fail.
  document.addEventListener("htmx:responseError", function (event) {
    if (ours(event)) return;
    var xhr = event.detail.xhr;
    setState(say("unsaved", { reason: reasonOf(xhr) || say("refused", { status: xhr.status }) }), "error");
  });
  document.addEventListener("htmx:sendError", function (event) {
    if (ours(event)) return;
    setState(W.network, "error");
  });
})();
