package io.alertgate.deliver.stackstorm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What StackStorm listed of its actions, for the admin API's {@code GET /api/v1/integrations/stackstorm/actions},
 * or why it could not.
 *
 * @param actions the actions, in StackStorm's order; empty on failure
 * @param more    whether StackStorm has more than it listed ({@code X-Total-Count} says so)
 * @param status  StackStorm's HTTP status, 0 when no answer came
 * @param error   why there is no list, in a sentence that names no secret; null when there is one
 */
public record ActionList(List<Action> actions, boolean more, int status, String error) {

  /** One action as an operator picks it: {@code ref} is what an execution names. */
  public record Action(String ref, String pack, String name, String description) {

    public JsonObject toJson() {
      return new JsonObject().put("ref", ref).put("pack", pack).put("name", name).put("description", description);
    }
  }

  public ActionList {
    actions = List.copyOf(actions);
  }

  public boolean ok() {
    return error == null;
  }

  static ActionList failed(int status, String error) {
    return new ActionList(List.of(), false, status, error);
  }

  /** The actions in an answer's array: named by their ref, or by their pack and name; other entries are left out. */
  static List<Action> read(JsonArray listed) {
    List<Action> actions = new ArrayList<>();
    for (Object entry : listed) {
      if (!(entry instanceof JsonObject action)) {
        continue;
      }
      String ref = text(action, "ref");
      String pack = text(action, "pack");
      String name = text(action, "name");
      if (ref == null && pack != null && name != null) {
        ref = pack + "." + name;
      }
      int dot = ref == null ? -1 : ref.indexOf('.');
      if (dot > 0) {
        actions.add(new Action(ref, pack != null ? pack : ref.substring(0, dot),
            name != null ? name : ref.substring(dot + 1), text(action, "description")));
      }
    }
    return actions;
  }

  private static String text(JsonObject action, String field) {
    return action.getValue(field) instanceof String text && !text.isBlank() ? text : null;
  }
}
