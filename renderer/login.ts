import { LoginController, browserClock } from './login-controller';
import { LoginView } from './login-view';

void new LoginController(window.rcTray, new LoginView(document), browserClock).start();
