import { ref } from 'vue';
import { formErrors } from './field-errors';

/**
 * A form's round trip to the API: `send` runs the request, and on refusal the API's problems land
 * under the fields they name (`errors`), the rest as the form's own message (`errors['']`); `sending`
 * keeps the button from a second click meanwhile. Answers whether the API took it.
 */
export function useApiSubmit(fields: () => readonly string[]) {
  const errors = ref<Record<string, string>>({});
  const sending = ref(false);
  async function send(request: () => Promise<unknown>): Promise<boolean> {
    sending.value = true;
    errors.value = {};
    try {
      await request();
      return true;
    } catch (error) {
      errors.value = formErrors(error, fields());
      return false;
    } finally {
      sending.value = false;
    }
  }
  return { errors, sending, send };
}
